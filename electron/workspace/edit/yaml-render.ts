/**
 * YAML text for the small values faaslab writes into a template. Conservative on purpose: a
 * string stays plain only when no YAML 1.1 or 1.2 reader (sam, cfn-lint, CloudFormation) could
 * take it for anything but that string; everything else is double-quoted (JSON's escapes are
 * valid YAML).
 */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

/** A string that reads back as itself when written without quotes, in block or flow context. */
export function isPlainSafe(s: string): boolean {
  if (!/^[A-Za-z_/$][\w ./$@+=()~^:%-]*$/.test(s)) return false;
  if (/\s$/.test(s) || /:(\s|$)/.test(s) || /\s#/.test(s)) return false;
  // YAML 1.1 booleans and nulls, which some CloudFormation tooling still honours.
  return !/^(y|yes|n|no|true|false|on|off|null)$/i.test(s);
}

/**
 * The same, for a value on its own after `Key: ` in a block map: there `{`, `}`, `[`, `]` and `,`
 * are only indicators at the start (flow context is where they always are), so a route such as
 * /items/{id} is written as SAM users write it, without quotes.
 */
export function isBlockPlainSafe(s: string): boolean {
  return isPlainSafe(s.replace(/[{}[\],]/g, '_')) && !/[{[]/.test(s[0] ?? '');
}

export function isPlainObject(v: unknown): v is { [key: string]: YamlValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function renderKey(key: string, json: boolean): string {
  return !json && isPlainSafe(key) ? key : JSON.stringify(key);
}

/** A scalar, in the quote style of the scalar it replaces when there is one. */
export function renderScalar(value: YamlValue, style: string | undefined, json: boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return renderFlow(value, json);
  if (json || style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  // eslint-disable-next-line no-control-regex -- control characters are what a single-quoted scalar cannot hold
  if (style === 'QUOTE_SINGLE' && !/[\n\r\t\u0000-\u001f]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** A value on one line: `[a, b]`, `{K: v}` or a scalar. */
export function renderFlow(value: YamlValue, json: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderFlow(v, json)).join(', ')}]`;
  if (isPlainObject(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${renderKey(k, json)}: ${renderFlow(v, json)}`)
      .join(', ')}}`;
  return renderScalar(value, undefined, json);
}

/** `Key: value`, or `Key:` followed by its entries one level deeper; no trailing newline. */
export function renderBlockPair(key: string, value: YamlValue, indent: number, unit: number, json: boolean): string {
  const pad = ' '.repeat(indent);
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    const children = Object.entries(value).map(([k, v]) => renderBlockPair(k, v, indent + unit, unit, json));
    return `${pad}${renderKey(key, json)}:\n${children.join('\n')}`;
  }
  const text = typeof value === 'string' && !json && isBlockPlainSafe(value) ? value : renderFlow(value, json);
  return `${pad}${renderKey(key, json)}: ${text}`;
}
