/**
 * Writes a generated template as YAML text: top-level sections in block style, every value in
 * flow style, CloudFormation's short-form tags as tags. Strings are JSON-quoted, which YAML reads
 * as double-quoted scalars, so any text (control characters, lone surrogates) survives.
 */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | { tag: string; arg: Value };

export function isTagged(value: Value): value is { tag: string; arg: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 2 && 'tag' in value && 'arg' in value;
}

export function emitValue(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(emitValue).join(', ')}]`;
  if (isTagged(value)) return `!${value.tag} ${emitValue(value.arg)}`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${emitValue(v)}`)
    .join(', ')}}`;
}

export function emitTemplate(template: Record<string, Value>): string {
  const lines: string[] = [];
  for (const [section, body] of Object.entries(template)) {
    if (section === 'Resources' && typeof body === 'object' && body !== null && !Array.isArray(body) && !isTagged(body)) {
      lines.push('Resources:');
      for (const [id, resource] of Object.entries(body)) lines.push(`  ${JSON.stringify(id)}: ${emitValue(resource)}`);
    } else {
      lines.push(`${section}: ${emitValue(body)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
