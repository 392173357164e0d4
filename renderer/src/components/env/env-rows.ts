import { checkVariableKey } from '../../../../shared/lambda/environment-variables.js';

export interface Row {
  id: number;
  key: string;
  value: string;
  revealed: boolean;
}

let nextId = 1;

export function toRows(vars: Record<string, string>): Row[] {
  return Object.entries(vars).map(([key, value]) => ({ id: nextId++, key, value, revealed: false }));
}

export function emptyRow(): Row {
  return { id: nextId++, key: '', value: '', revealed: false };
}

/** The variables a table holds, skipping rows left entirely blank. */
export function toVariables(rows: Row[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.key.trim() || r.value) out[r.key.trim()] = r.value;
  return out;
}

/** One message per row index: Lambda's key rules, reserved names, blanks and duplicates, then the host's word. */
export function rowErrors(rows: Row[], hostFields: Record<string, string> = {}): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const key = r.key.trim();
    if (!key && !r.value) return;
    if (!key) {
      errors[i] = 'Give the variable a name';
      return;
    }
    const message = checkVariableKey(key) ?? hostFields[key];
    if (message) errors[i] = message;
    else if (seen.has(key)) errors[i] = `"${key}" is already set in row ${seen.get(key)! + 1}`;
    seen.set(key, seen.get(key) ?? i);
  });
  return errors;
}

/** Imported variables replace rows with the same key and are appended otherwise. */
export function mergeRows(rows: Row[], vars: Record<string, string>): Row[] {
  const next = rows.filter((r) => r.key.trim() || r.value).map((r) => (r.key in vars ? { ...r, value: vars[r.key]! } : r));
  const present = new Set(next.map((r) => r.key));
  for (const row of toRows(vars)) if (!present.has(row.key)) next.push(row);
  return next;
}

export function sameVariables(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && a[k] === b[k]);
}
