/**
 * CloudFormation's YAML short forms (`!Ref`, `!Sub`, `!GetAtt`, ...) for the `yaml` package.
 *
 * The tagged nodes stay ordinary nodes of the Document (a Scalar, YAMLSeq or YAMLMap whose
 * `tag` is `!Ref` and so on), so editing template.yaml in place and writing it back keeps the
 * short forms, comments and ordering. Only `toJS()` turns them into CloudFormation's long forms
 * ({"Ref": x}, {"Fn::Sub": ...}), which is what the loader and the intrinsics resolver consume.
 */
import { basename } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, YAMLMap, YAMLSeq, YAMLWarning } from 'yaml';
import type { CollectionTag, Document, Node, Pair, ScalarTag } from 'yaml';

type ToJSContext = Parameters<Scalar['toJSON']>[1];

/** Short-form names; every one is `Fn::<Name>` in long form except the two below. */
export const CFN_FUNCTIONS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'GetAZs',
  'Equals',
  'And',
  'Or',
  'Not',
  'Transform',
  'ToJsonString',
  'Length',
] as const;

const NOT_PREFIXED = new Set(['Ref', 'Condition']);

/** The long-form key for a short-form tag, e.g. `!Sub` -> `Fn::Sub`, `!Ref` -> `Ref`. */
export function longFormKey(tag: string): string {
  const name = tag.startsWith('!') ? tag.slice(1) : tag;
  return NOT_PREFIXED.has(name) ? name : `Fn::${name}`;
}

function longForm(tag: string | undefined, inner: unknown): unknown {
  if (!tag) return inner;
  // `!GetAtt Res.Attr` is the only short form whose scalar is reshaped: attribute names may
  // themselves hold dots (Endpoint.Address), so only the first dot separates.
  if (tag === '!GetAtt' && typeof inner === 'string') {
    const dot = inner.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [inner] : [inner.slice(0, dot), inner.slice(dot + 1)] };
  }
  return { [longFormKey(tag)]: inner };
}

// The anchor bookkeeping of toJS() records whatever the node's toJSON hands to ctx.onCreate;
// the inner conversion must not claim it, or an alias of a tagged node would lose its wrapper.
function innerContext(ctx: ToJSContext): ToJSContext {
  if (!ctx?.onCreate) return ctx;
  const copy = { ...ctx };
  delete copy.onCreate;
  return copy;
}

/** A tagged scalar: keeps its source text as value so it stringifies back unchanged. */
export class CfnScalar extends Scalar<string> {
  override toJSON(arg?: unknown, ctx?: ToJSContext): unknown {
    return longForm(this.tag, super.toJSON(arg, innerContext(ctx)));
  }
}

export class CfnSeq extends YAMLSeq {
  override toJSON(arg?: unknown, ctx?: ToJSContext): unknown[] {
    // The base signature promises an array; the long form is an object, which is what toJS wants.
    return longForm(this.tag, super.toJSON(arg, innerContext(ctx))) as unknown[];
  }
}

export class CfnMap extends YAMLMap {
  override toJSON(arg?: unknown, ctx?: ToJSContext): unknown {
    return longForm(this.tag, super.toJSON(arg, innerContext(ctx)));
  }
}

function tagsFor(name: string): Array<ScalarTag | CollectionTag> {
  const tag = `!${name}`;
  return [
    { tag, resolve: (str: string) => new CfnScalar(str) },
    { tag, collection: 'seq', nodeClass: CfnSeq },
    { tag, collection: 'map', nodeClass: CfnMap },
  ];
}

/** Pass as `customTags` to any `yaml` parse of a CloudFormation template. */
export const cfnTags: Array<ScalarTag | CollectionTag> = CFN_FUNCTIONS.flatMap(tagsFor);

/**
 * A fatal template problem. With a line, the message starts `template.yaml:12:5: ` (the file's
 * base name, as editors and terminals link it); `file` keeps the full path.
 */
export class TemplateError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(reason: string, file: string, line?: number, column?: number) {
    super(line === undefined ? reason : `${basename(file)}:${line}:${column ?? 1}: ${reason}`);
    this.name = 'TemplateError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/**
 * Parses a template (YAML or JSON, which is YAML too) into a Document. Syntax errors throw a
 * TemplateError naming `file` and the line; warnings (such as an unknown `!Tag`) stay on
 * `doc.warnings` for the caller to report. Pass a LineCounter to map node ranges to lines later.
 */
export function parseTemplateDocument(text: string, file: string, lineCounter: LineCounter = new LineCounter()): Document.Parsed {
  // prettyErrors off: our message carries the position itself, not yaml's multi-line excerpt.
  const doc = parseDocument(text, { customTags: cfnTags, lineCounter, prettyErrors: false, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more YAML error${doc.errors.length > 2 ? 's' : ''})` : '';
    throw new TemplateError(`${first.message}${more}`, file, Math.max(line, 1), Math.max(col, 1));
  }
  warnDuplicateKeys(doc);
  return doc;
}

/**
 * A key repeated in one map: sam deploy reads the template with PyYAML, where the last value
 * wins, and deploys it; so faaslab loads it the same way (toJS keeps the last) with a warning.
 */
function warnDuplicateKeys(doc: Document.Parsed): void {
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(name)) {
          const at = (pair.key as Node | null)?.range?.[0] ?? 0;
          doc.warnings.push(new YAMLWarning([at, at + 1], 'DUPLICATE_KEY', `Map keys must be unique: "${name}" appears again here, and this later value is the one sam deploy uses`));
        }
        seen.add(name);
      }
    },
  });
}

/**
 * Points at the keys of a parsed template: `['Resources', 'Hello', 'Properties']` -> the line and
 * column of that `Properties:` key. Key positions, not values, because that is where an editor
 * or a message should send the reader.
 */
export class TemplateLocator {
  constructor(
    readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    readonly file: string,
  ) {}

  pair(keys: readonly (string | number)[]): Pair | undefined {
    let node: unknown = this.doc.contents;
    let found: Pair | undefined;
    for (const key of keys) {
      // A list index walks into the item (a key after it is that item's); the list's own key stays the answer otherwise.
      if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        continue;
      }
      if (!isMap(node)) return undefined;
      // The last of repeated keys, the one whose value counts (warnDuplicateKeys).
      found = node.items.findLast((p) => (isScalar(p.key) ? String(p.key.value) === String(key) : p.key === key));
      if (!found) return undefined;
      node = found.value;
    }
    return found;
  }

  position(keys: readonly (string | number)[]): { line: number; col: number } | undefined {
    const node = keys.length === 0 ? this.doc.contents : (this.pair(keys)?.key as Node | undefined);
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = this.lineCounter.linePos(offset);
    return { line: Math.max(line, 1), col: Math.max(col, 1) };
  }

  line(keys: readonly (string | number)[]): number | undefined {
    return this.position(keys)?.line;
  }

  error(message: string, keys: readonly (string | number)[]): TemplateError {
    const at = this.position(keys) ?? { line: 1, col: 1 };
    return new TemplateError(message, this.file, at.line, at.col);
  }
}
