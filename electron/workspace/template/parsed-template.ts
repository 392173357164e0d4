/**
 * One parse of template.yaml, shared by everything that reads it on a load: the functions
 * (read/template-loader.ts), the HTTP, schedule and storage triggers (read/trigger-loader.ts) and
 * messaging (read/messaging-loader.ts). Each reader keeps its own intrinsic
 * context and problem list; only the text, the Document and its plain-object form are shared.
 */
import { isMap, LineCounter, type Document } from 'yaml';
import { parseTemplateDocument, TemplateLocator } from './cfn-tags.js';

export class ParsedTemplate {
  readonly doc: Document.Parsed;
  readonly lineCounter = new LineCounter();
  readonly loc: TemplateLocator;
  private js: { value: unknown } | undefined;

  /** A syntax error throws a TemplateError naming `path` and the line. */
  constructor(
    readonly text: string,
    readonly path: string,
  ) {
    this.doc = parseTemplateDocument(text, path, this.lineCounter);
    this.loc = new TemplateLocator(this.doc, this.lineCounter, path);
  }

  /**
   * `doc.toJS()`, converted on first use and the same object for every reader after that: the
   * readers only read it (the intrinsics resolver and mergeGlobals build new values).
   */
  toJS(): unknown {
    this.js ??= { value: this.doc.toJS() };
    return this.js.value;
  }

  /** The sections as a plain object; {} when the document is not a map (the function loader rejects that itself). */
  sections(): Record<string, unknown> {
    return isMap(this.doc.contents) ? (this.toJS() as Record<string, unknown>) : {};
  }
}
