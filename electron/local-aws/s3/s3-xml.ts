/**
 * The little XML S3 reads from requests (DeleteObjects, CompleteMultipartUpload): elements and
 * their text, nothing else. Anything that is not well-formed is S3's MalformedXML, as S3 answers it.
 */
import { AwsError } from '../wire.js';

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

export function malformedXml(): AwsError {
  return new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_entity, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const v = ENTITIES[name];
    if (v === undefined) throw malformedXml();
    return v;
  });
}

/** The document's root element; element names lose their namespace prefix. */
export function parseXml(source: string): XmlElement {
  const tokens = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let m: RegExpExecArray | null;
  while ((m = tokens.exec(source))) {
    const [, cdata, closing, rawName, , selfClosing, text, stray] = m;
    if (stray) throw malformedXml();
    const top = stack[stack.length - 1];
    if (cdata !== undefined || text !== undefined) {
      const value = cdata ?? decodeText(text!);
      if (top) top.text += value;
      else if (value.trim()) throw malformedXml();
      continue;
    }
    if (!rawName) continue; // declaration, comment
    const name = rawName.replace(/^[\w.-]+:/, '');
    if (closing) {
      if (!top || top.name !== name) throw malformedXml();
      stack.pop();
      continue;
    }
    if (root && !top) throw malformedXml(); // a second root
    const el: XmlElement = { name, children: [], text: '' };
    if (top) top.children.push(el);
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (!root || stack.length) throw malformedXml();
  return root;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childText(el: XmlElement, name: string): string | undefined {
  return child(el, name)?.text;
}
