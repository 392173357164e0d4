/**
 * Query and Scan: the items of the table or an index in key order, from ExclusiveStartKey on,
 * Limit items (or 1 MB) evaluated per page, then FilterExpression, the index's projection and
 * ProjectionExpression, or only the count (Select COUNT).
 */
import { createHash } from 'node:crypto';
import type { StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import type { LocalTable } from '../../triggers/storage/local-table.js';
import { valuesEqual, type Item } from './attribute-values.js';
import { validation } from './errors.js';
import { project } from './expressions/document-paths.js';
import type { Condition, Operand } from './expressions/ast.js';
import { evaluate } from './expressions/evaluate.js';
import { itemBytes } from './item-writes.js';
import { keyCondition } from './key-condition.js';
import { requestExpressions, type RequestExpressions } from './request-expressions.js';
import { checkStartKey, isGlobal, itemsInOrder, keyComparator, lastKeyOf, projectIndex, tableNamed, viewOf, type KeyView } from './table-access.js';

type Body = Record<string, unknown>;

/** A page ends at 1 MB of items read, as DynamoDB's do. */
const PAGE_BYTES = 1024 * 1024;

export function query(storage: StorageTriggers, body: Body): Record<string, unknown> {
  const { table, view, expressions } = readSetup(storage, body);
  if (!expressions.keyCondition) throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const { partition, sort } = keyCondition(expressions.keyCondition, view.keySchema);
  const keyInFilter = expressions.filter && attributesOf(expressions.filter).find((name) => view.keySchema.some((k) => k.name === name));
  if (keyInFilter) throw validation(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${keyInFilter}`);
  const hash = view.keySchema[0]!.name;
  const items = itemsInOrder(table, view).filter((item) => valuesEqual(item[hash]!, partition) && (!sort || evaluate(sort, item, 'KeyConditionExpression')));
  const forward = body.ScanIndexForward !== false;
  if (!forward) items.reverse();
  return page(table, view, items, body, expressions, forward);
}

export function scan(storage: StorageTriggers, body: Body): Record<string, unknown> {
  const { table, view, expressions } = readSetup(storage, body);
  let items = itemsInOrder(table, view);
  if (body.TotalSegments !== undefined || body.Segment !== undefined) {
    const total = Number(body.TotalSegments);
    const segment = Number(body.Segment);
    if (!Number.isInteger(total) || total < 1 || total > 1_000_000) throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
    if (!Number.isInteger(segment) || segment < 0 || segment >= total)
      throw validation(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${body.Segment} is not less than TotalSegments: ${total}`);
    const hash = view.keySchema[0]!.name;
    items = items.filter((item) => createHash('md5').update(JSON.stringify(item[hash])).digest().readUInt32BE(0) % total === segment);
  }
  return page(table, view, items, body, expressions, true);
}

/** The top-level attribute names a condition reads. */
function attributesOf(c: Condition): string[] {
  const ofOperand = (o: Operand): string[] => (o.kind === 'path' || o.kind === 'size' ? [o.path[0] as string] : []);
  switch (c.kind) {
    case 'and':
    case 'or':
      return [...attributesOf(c.left), ...attributesOf(c.right)];
    case 'not':
      return attributesOf(c.condition);
    case 'compare':
      return [...ofOperand(c.left), ...ofOperand(c.right)];
    case 'between':
      return [c.value, c.low, c.high].flatMap(ofOperand);
    case 'in':
      return [c.value, ...c.list].flatMap(ofOperand);
    case 'attribute_exists':
    case 'attribute_not_exists':
    case 'attribute_type':
      return [c.path[0] as string];
    default:
      return [...ofOperand(c.subject), ...ofOperand(c.operand)];
  }
}

function readSetup(storage: StorageTriggers, body: Body): { table: LocalTable; view: KeyView; expressions: RequestExpressions } {
  const table = tableNamed(storage, body.TableName);
  const view = viewOf(table, body.IndexName);
  if (view.index && body.ConsistentRead === true && isGlobal(table, view.index)) throw validation('Consistent reads are not supported on global secondary indexes');
  const expressions = requestExpressions(body);
  const select = body.Select;
  if (select !== undefined && !['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'].includes(String(select)))
    throw validation(
      `1 validation error detected: Value '${String(select)}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]`,
    );
  if (select === 'SPECIFIC_ATTRIBUTES' && !expressions.projection) throw validation('Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet');
  if (expressions.projection && select !== undefined && select !== 'SPECIFIC_ATTRIBUTES')
    throw validation(`Cannot specify the AttributesToGet or ProjectionExpression when choosing to get ${String(select)}`);
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !view.index) throw validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'ALL_ATTRIBUTES' && view.index && view.index.projection !== 'ALL' && isGlobal(table, view.index))
    throw validation(
      `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${view.index.indexName} because its projection type is not ALL`,
    );
  return { table, view, expressions };
}

function page(table: LocalTable, view: KeyView, ordered: Item[], body: Body, expressions: RequestExpressions, forward: boolean): Record<string, unknown> {
  let items = ordered;
  if (body.ExclusiveStartKey !== undefined) {
    const start = checkStartKey(table, view, body.ExclusiveStartKey);
    const cmp = keyComparator(table, view);
    const at = items.findIndex((item) => (forward ? cmp(item, start) > 0 : cmp(item, start) < 0));
    items = at < 0 ? [] : items.slice(at);
  }
  let limit = Infinity;
  if (body.Limit !== undefined) {
    limit = Number(body.Limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw validation(`1 validation error detected: Value '${String(body.Limit)}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  const evaluated: Item[] = [];
  let bytes = 0;
  for (const item of items) {
    if (evaluated.length >= limit || bytes >= PAGE_BYTES) break;
    evaluated.push(item);
    bytes += itemBytes(item);
  }
  // Like DynamoDB, a page that stopped at its Limit (or 1 MB) has a LastEvaluatedKey even when nothing follows.
  const stopped = evaluated.length > 0 && (evaluated.length >= limit || (bytes >= PAGE_BYTES && evaluated.length < items.length));
  const matched = expressions.filter ? evaluated.filter((item) => evaluate(expressions.filter!, item, 'FilterExpression')) : evaluated;
  const out: Record<string, unknown> = {};
  if (body.Select !== 'COUNT')
    out.Items = matched.map((item) => {
      // A local index fetches what it does not hold from the table when asked for it.
      const fetches = view.index && !isGlobal(table, view.index) && (body.Select === 'ALL_ATTRIBUTES' || expressions.projection);
      const visible = fetches ? item : projectIndex(table, view.index, item);
      return expressions.projection ? project(visible, expressions.projection) : visible;
    });
  out.Count = matched.length;
  out.ScannedCount = evaluated.length;
  if (stopped) out.LastEvaluatedKey = lastKeyOf(table, view, evaluated[evaluated.length - 1]!);
  return out;
}
