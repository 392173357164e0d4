/** DynamoDB JSON ({"id": {"S": "1"}}) shown as plain values, for the table view. */

export type DynamoItem = Record<string, unknown>;

/** One attribute value in DynamoDB JSON to its plain JavaScript value. */
export function fromDynamo(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length !== 1) return value;
  const [type, v] = entries[0]!;
  switch (type) {
    case 'S':
    case 'B':
      return v;
    case 'N':
      return Number(v);
    case 'BOOL':
      return v;
    case 'NULL':
      return null;
    case 'SS':
    case 'BS':
      return v;
    case 'NS':
      return Array.isArray(v) ? v.map(Number) : v;
    case 'L':
      return Array.isArray(v) ? v.map(fromDynamo) : v;
    case 'M':
      return v && typeof v === 'object' ? plainItem(v as DynamoItem) : v;
    default:
      return value;
  }
}

export function plainItem(item: DynamoItem): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fromDynamo(v)]));
}

/** A cell: strings as they are, everything else as compact JSON. */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Columns: the key attributes first (hash, then range), then every other attribute in first-seen order. */
export function columnsOf(items: DynamoItem[], keyNames: string[]): string[] {
  const seen = new Set(keyNames);
  const rest: string[] = [];
  for (const item of items) {
    for (const k of Object.keys(item)) {
      if (!seen.has(k)) {
        seen.add(k);
        rest.push(k);
      }
    }
  }
  return [...keyNames, ...rest];
}

/** The key attributes of an item, as DynamoDB JSON text for tables.delete. */
export function keyText(item: DynamoItem, keyNames: string[]): string {
  return JSON.stringify(Object.fromEntries(keyNames.map((k) => [k, item[k]])));
}

/** Pretty JSON when the text parses as JSON, else undefined. */
export function formatJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}
