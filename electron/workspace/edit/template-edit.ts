/**
 * In-place edits of template.yaml by splicing text at the source ranges of the parsed Document.
 *
 * Why not `doc.setIn()` + `doc.toString()`: the yaml printer normalises what it did not touch
 * (flow collections get padding, `Key: 1   # note` loses its spaces, quoting may change), so a
 * config change would show up in `git diff` as unrelated lines. Here the Document only locates
 * nodes; every edit replaces, inserts or removes the few characters that change, so everything
 * else stays byte-identical. After each edit the text is parsed again and compared, as plain
 * data, with the template before plus the one intended change: an edit that would change
 * anything else throws instead of writing a broken template.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { parseTemplateDocument } from '../template/cfn-tags.js';
import { deleteIn, renameIn, setIn } from './js-paths.js';
import { isPlainObject, renderBlockPair, renderFlow, renderKey, renderScalar, type YamlValue } from './yaml-render.js';

export type { YamlValue } from './yaml-render.js';
export type KeyPath = readonly string[];

/** The template cannot be edited as asked (e.g. the value is an intrinsic, not a map). */
export class TemplateEditError extends Error {}

interface Located {
  map: YAMLMap;
  pair: Pair;
}

export class TemplateEditor {
  private text: string;
  private doc!: Document.Parsed;
  /** Indentation step of block maps, detected from the template (2 unless it says otherwise). */
  private unit = 2;
  /** A JSON template (or YAML written with quoted keys) gets quoted keys and JSON values. */
  private json = false;

  constructor(
    text: string,
    readonly file: string,
  ) {
    this.text = text;
    this.reparse();
    const top = this.doc.contents;
    if (!isMap(top)) throw new TemplateEditError(`${file} is not a map of sections`);
    const first = top.items[0]?.key;
    this.json = top.flow === true || (isScalar(first) && first.type === 'QUOTE_DOUBLE');
    const nested = top.items.map((p) => p.value as unknown).find((v): v is YAMLMap => isMap(v) && !v.flow && v.items.length > 0);
    const keyStart = (nested?.items[0]?.key as Node | undefined)?.range?.[0];
    if (keyStart !== undefined) this.unit = Math.max(1, this.column(keyStart));
  }

  toString(): string {
    return this.text;
  }

  /** The node at a path; undefined when absent. */
  get(path: KeyPath): unknown {
    return this.doc.getIn(path, true);
  }

  /** The plain JS value at a path (intrinsics in long form), as the loader sees it. */
  value(path: KeyPath): unknown {
    if (path.length === 0) return this.doc.toJS();
    const node = this.doc.getIn(path, true);
    return node && typeof node === 'object' && 'toJSON' in node ? (node as Node).toJSON() : node;
  }

  has(path: KeyPath): boolean {
    return this.locate(path) !== undefined;
  }

  /** Sets a value, creating missing maps on the way; untouched text stays as it was. */
  set(path: KeyPath, value: YamlValue, opts: { blankLineBefore?: boolean } = {}): void {
    this.checked(
      `set ${path.join('.')}`,
      (js) => setIn(js, path, value),
      () => {
        let map = this.doc.contents as YAMLMap;
        let owner: Located | undefined;
        for (let i = 0; i < path.length; i++) {
          const pair = findPair(map, path[i]!);
          const rest = nest(path.slice(i + 1), value);
          if (!pair) return this.insertPair(map, owner, path[i]!, rest, opts.blankLineBefore === true && i === path.length - 1);
          if (i === path.length - 1) return this.replaceValue({ map, pair }, value);
          const next = pair.value;
          if (isMap(next) && !next.tag) {
            owner = { map, pair };
            map = next;
          } else if (next === null || (isScalar(next) && next.value === null && !next.tag)) {
            return this.replaceValue({ map, pair }, rest);
          } else {
            throw new TemplateEditError(`${path.slice(0, i + 1).join('.')} is not a plain map in the template (an intrinsic or a list): edit it in the template itself`);
          }
        }
      },
    );
  }

  /**
   * Removes a key. `pruneDownTo`: maps left empty are removed too, up to (not including) that
   * depth, so removing the last LoggingConfig level does not leave an empty `LoggingConfig:`.
   * `withComments`: the comment lines just above the key go with it (a resource's description).
   */
  delete(path: KeyPath, opts: { pruneDownTo?: number; withComments?: boolean } = {}): boolean {
    const found = this.locate(path);
    if (!found) return false;
    // Emptying a block map leaves its key with no value, which YAML reads as null.
    const leavesNull = !found.map.flow && found.map.items.length === 1 && path.length > 1;
    const change = (js: unknown) => (leavesNull ? setIn(js, path.slice(0, -1), null) : deleteIn(js, path));
    this.checked(`delete ${path.join('.')}`, change, () => {
      if (found.map.flow) this.deleteFlowPair(found);
      else this.deleteBlockPair(found, opts.withComments === true);
    });
    const floor = opts.pruneDownTo;
    for (let parent = path.slice(0, -1); floor !== undefined && parent.length > floor; parent = parent.slice(0, -1)) {
      const node = this.get(parent);
      const empty = node === null || (isScalar(node) && node.value === null) || (isMap(node) && node.items.length === 0);
      if (!empty) break;
      this.delete(parent);
    }
    return true;
  }

  /** Renames the key at a path, keeping its value, comments and position. */
  renameKey(path: KeyPath, newKey: string): void {
    const found = this.locate(path);
    if (!found) throw new TemplateEditError(`${path.join('.')} is not in the template`);
    const key = found.pair.key as Node;
    this.checked(
      `rename ${path.join('.')}`,
      (js) => renameIn(js, path, newKey),
      () => this.splice(key.range![0], key.range![1], renderKey(newKey, this.json)),
    );
  }

  private locate(path: KeyPath): Located | undefined {
    let map: unknown = this.doc.contents;
    let found: Located | undefined;
    for (const key of path) {
      if (!isMap(map) || map.tag) return undefined;
      const pair = findPair(map, key);
      if (!pair) return undefined;
      found = { map, pair };
      map = pair.value;
    }
    return found;
  }

  private replaceValue({ map, pair }: Located, value: YamlValue): void {
    const node = pair.value as Node | null;
    // A scalar for a scalar: only its characters change, keeping its quote style and any comment.
    if (isScalar(node) && !node.tag && node.value !== null && !isCollection(value)) {
      return this.splice(node.range![0], node.range![1], renderScalar(value, node.type, this.json));
    }
    // A list of scalars of the same length (Architectures: [x86_64]): change the items only.
    if (isSeq(node) && !node.tag && Array.isArray(value) && value.length === node.items.length && !value.some(isCollection)) {
      const items = node.items.filter((it): it is Scalar => isScalar(it) && !it.tag);
      if (items.length === value.length) {
        for (let i = items.length - 1; i >= 0; i--) this.splice(items[i]!.range![0], items[i]!.range![1], renderScalar(value[i]!, items[i]!.type, this.json));
        return;
      }
    }
    const start = this.afterColon(pair);
    const block = (isMap(node) || isSeq(node)) && !node.flow;
    // A block value runs over the lines below its key; its last newline stays.
    const end = block ? this.trimBack(this.pairEnd(pair), start) : (node?.range?.[1] ?? start);
    if (!map.flow && isPlainObject(value) && Object.keys(value).length > 0) {
      const indent = this.column((pair.key as Node).range![0]) + this.unit;
      const lines = Object.entries(value).map(([k, v]) => renderBlockPair(k, v, indent, this.unit, this.json));
      return this.splice(start, end, `\n${lines.join('\n')}`);
    }
    this.splice(start, end, ` ${renderFlow(value, this.json)}`);
  }

  private insertPair(map: YAMLMap, owner: Located | undefined, key: string, value: YamlValue, blankLine: boolean): void {
    if (map.flow) {
      if (map.items.length === 0) {
        // `Resources: {}` (a new workspace) becomes a block map under its key.
        if (owner && !owner.map.flow) return this.replaceValue(owner, { [key]: value });
        return this.splice(map.range![0], map.range![1], `{${renderKey(key, this.json)}: ${renderFlow(value, this.json)}}`);
      }
      const last = map.items[map.items.length - 1]!;
      const at = ((last.value as Node | null)?.range ?? (last.key as Node).range!)[1];
      return this.splice(at, at, `, ${renderKey(key, this.json)}: ${renderFlow(value, this.json)}`);
    }
    const firstKey = (map.items[0]!.key as Node).range![0];
    const indent = this.column(firstKey);
    const at = this.blockEnd(this.lineStart(firstKey), indent);
    const lead = at === 0 || this.text[at - 1] === '\n' ? '' : '\n';
    this.splice(at, at, `${lead}${blankLine ? '\n' : ''}${renderBlockPair(key, value, indent, this.unit, this.json)}\n`);
  }

  private deleteFlowPair({ map, pair }: Located): void {
    const i = map.items.indexOf(pair);
    const end = ((pair.value as Node | null)?.range ?? (pair.key as Node).range!)[1];
    if (map.items.length === 1) return this.splice(map.range![0], map.range![1], '{}');
    if (i > 0) {
      const prev = map.items[i - 1]!;
      return this.splice(((prev.value as Node | null)?.range ?? (prev.key as Node).range!)[1], end, '');
    }
    this.splice((pair.key as Node).range![0], (map.items[1]!.key as Node).range![0], '');
  }

  private deleteBlockPair({ pair }: Located, withComments: boolean): void {
    const keyStart = (pair.key as Node).range![0];
    let start = this.lineStart(keyStart);
    if (this.text.slice(start, keyStart).trim() !== '') start = keyStart; // `- Key: v` in a list item
    let end = this.pairEnd(pair);
    if (withComments) {
      while (start > 0) {
        const prev = this.lineStart(start - 1);
        if (!this.text.slice(prev, start).trim().startsWith('#')) break;
        start = prev;
      }
    }
    // Keep one blank line between neighbours: do not leave two, nor one before the end.
    const blankBefore = start > 0 && this.text.slice(this.lineStart(start - 1), start).trim() === '';
    const nextLineEnd = this.lineEnd(end);
    const blankAfter = end < this.text.length && this.text.slice(end, nextLineEnd).trim() === '';
    if (blankBefore && blankAfter) end = nextLineEnd;
    else if (blankBefore && end >= this.text.length) start = this.lineStart(start - 1);
    this.splice(start, end, '');
  }

  /** Runs a text edit and checks the parsed result is the old data with exactly `change` applied. */
  private checked(what: string, change: (js: unknown) => void, edit: () => void): void {
    const expected: unknown = this.doc.toJS();
    change(expected);
    const before = this.text;
    edit();
    const actual: unknown = this.doc.toJS();
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      this.text = before;
      this.reparse();
      throw new Error(`faaslab could not ${what} in ${this.file} without changing something else; the file was not changed`);
    }
  }

  private splice(start: number, end: number, insert: string): void {
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    this.reparse();
  }

  private reparse(): void {
    this.doc = parseTemplateDocument(this.text, this.file);
  }

  /**
   * Where a block ends, by indentation rather than node ranges (a range can swallow the blank
   * lines and comments that introduce the next key): after the last line, from `firstLine` on,
   * that is indented at least `minIndent`. Comment lines indented less neither count nor stop.
   */
  private blockEnd(firstLine: number, minIndent: number): number {
    let end = this.lineEnd(firstLine);
    for (let pos = end; pos < this.text.length;) {
      const next = this.lineEnd(pos);
      const line = this.text.slice(pos, next).replace(/\r?\n$/, '');
      const body = line.trimStart();
      if (body !== '') {
        if (line.length - body.length >= minIndent) end = next;
        else if (!body.startsWith('#')) break;
      }
      pos = next;
    }
    return end;
  }

  /** Just after the last line of a block map's pair: its key line and the lines indented below it. */
  private pairEnd(pair: Pair): number {
    const keyStart = (pair.key as Node).range![0];
    return this.blockEnd(this.lineStart(keyStart), this.column(keyStart) + 1);
  }

  /** Just after the `:` that ends a pair's key. */
  private afterColon(pair: Pair): number {
    const colon = this.text.indexOf(':', (pair.key as Node).range![1]);
    if (colon < 0) throw new TemplateEditError('a key without a colon');
    return colon + 1;
  }

  private trimBack(pos: number, floor: number): number {
    while (pos > floor && /\s/.test(this.text[pos - 1]!)) pos--;
    return pos;
  }

  private lineStart(pos: number): number {
    return this.text.lastIndexOf('\n', pos - 1) + 1;
  }

  /** Just after the line's newline (or the end of the text). */
  private lineEnd(pos: number): number {
    const nl = this.text.indexOf('\n', pos);
    return nl < 0 ? this.text.length : nl + 1;
  }

  private column(pos: number): number {
    return pos - this.lineStart(pos);
  }
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  // The last of repeated keys: the value the loader reads (cfn-tags.ts, warnDuplicateKeys).
  return map.items.findLast((p) => (isScalar(p.key) ? String(p.key.value) === key : String(p.key) === key));
}

function nest(keys: readonly string[], value: YamlValue): YamlValue {
  return keys.reduceRight<YamlValue>((acc, k) => ({ [k]: acc }), value);
}

function isCollection(v: YamlValue): boolean {
  return typeof v === 'object' && v !== null;
}
