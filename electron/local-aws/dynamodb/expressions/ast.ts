/** The parsed forms of condition, update and projection expressions, placeholders resolved. */
import type { AttributeValue } from '../attribute-values.js';

/** A document path: attribute and map-key names, and list indexes (a.b[0].c is ['a', 'b', 0, 'c']). */
export type DocumentPath = Array<string | number>;

export type Operand =
  | { kind: 'path'; path: DocumentPath }
  | { kind: 'value'; ref: string; value: AttributeValue }
  | { kind: 'size'; path: DocumentPath }
  // Update expressions only.
  | { kind: 'if_not_exists'; path: DocumentPath; fallback: Operand }
  | { kind: 'list_append'; left: Operand; right: Operand }
  | { kind: 'arith'; op: '+' | '-'; left: Operand; right: Operand };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; value: Operand; low: Operand; high: Operand }
  | { kind: 'in'; value: Operand; list: Operand[] }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition }
  | { kind: 'attribute_exists' | 'attribute_not_exists'; path: DocumentPath }
  | { kind: 'attribute_type'; path: DocumentPath; type: Operand }
  | { kind: 'begins_with' | 'contains'; subject: Operand; operand: Operand };

export interface UpdateActions {
  set: Array<{ path: DocumentPath; value: Operand }>;
  remove: DocumentPath[];
  add: Array<{ path: DocumentPath; value: AttributeValue }>;
  delete: Array<{ path: DocumentPath; value: AttributeValue }>;
}

/** [a, b, [0]]: paths as DynamoDB's messages print them. */
export function formatPath(path: DocumentPath): string {
  return `[${path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join(', ')}]`;
}
