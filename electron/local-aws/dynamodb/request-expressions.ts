/**
 * The expressions of one request, parsed together over its ExpressionAttributeNames and Values
 * (so an unused placeholder is found across all of them), and the legacy parameters that came
 * before expressions, which faaslab answers with a clear ValidationException (AttributesToGet
 * excepted: it is a projection of top-level names).
 */
import type { Condition, DocumentPath, UpdateActions } from './expressions/ast.js';
import { parseCondition } from './expressions/condition-parser.js';
import { ExpressionInputs } from './expressions/inputs.js';
import { parseProjection } from './expressions/projection-parser.js';
import { parseUpdate } from './expressions/update-parser.js';
import { validation } from './errors.js';

export interface RequestExpressions {
  condition?: Condition;
  filter?: Condition;
  keyCondition?: Condition;
  update?: UpdateActions;
  projection?: DocumentPath[];
}

const LEGACY = ['Expected', 'AttributeUpdates', 'KeyConditions', 'QueryFilter', 'ScanFilter', 'ConditionalOperator'];

export function requestExpressions(body: Record<string, unknown>): RequestExpressions {
  for (const p of LEGACY)
    if (body[p] !== undefined)
      throw validation(
        `faaslab's local DynamoDB does not support the legacy parameter ${p}; use the expression parameters (ConditionExpression, UpdateExpression, KeyConditionExpression, FilterExpression)`,
      );
  const inputs = new ExpressionInputs(body.ExpressionAttributeNames, body.ExpressionAttributeValues);
  const text = (k: string): string | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw validation(`${k} must be a string`);
    return v;
  };
  const [condition, filter, keyCondition, update, projection] = ['ConditionExpression', 'FilterExpression', 'KeyConditionExpression', 'UpdateExpression', 'ProjectionExpression'].map(text);
  if (projection !== undefined && body.AttributesToGet !== undefined)
    throw validation('Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}');
  const anyExpression = [condition, filter, keyCondition, update, projection].some((e) => e !== undefined);
  if (!anyExpression && body.ExpressionAttributeNames !== undefined) throw validation('ExpressionAttributeNames can only be specified when using expressions');
  if (!anyExpression && body.ExpressionAttributeValues !== undefined) throw validation('ExpressionAttributeValues can only be specified when using expressions');
  const out: RequestExpressions = {};
  if (keyCondition !== undefined) out.keyCondition = parseCondition(keyCondition, 'KeyConditionExpression', inputs);
  if (condition !== undefined) out.condition = parseCondition(condition, 'ConditionExpression', inputs);
  if (filter !== undefined) out.filter = parseCondition(filter, 'FilterExpression', inputs);
  if (update !== undefined) out.update = parseUpdate(update, inputs);
  if (projection !== undefined) out.projection = parseProjection(projection, inputs);
  else if (Array.isArray(body.AttributesToGet)) out.projection = body.AttributesToGet.map((a) => [String(a)]);
  if (anyExpression) inputs.checkAllUsed();
  return out;
}

export function returnValues(body: Record<string, unknown>, allowed: readonly string[]): string {
  const v = body.ReturnValues ?? 'NONE';
  if (typeof v !== 'string' || !['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'].includes(v))
    throw validation(
      `1 validation error detected: Value '${String(v)}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]`,
    );
  if (!allowed.includes(v)) throw validation('Return values set to invalid value');
  return v;
}

/** ReturnValuesOnConditionCheckFailure: ALL_OLD puts the item in the ConditionalCheckFailedException. */
export function returnOnFailure(body: Record<string, unknown>): boolean {
  const v = body.ReturnValuesOnConditionCheckFailure ?? 'NONE';
  if (v !== 'NONE' && v !== 'ALL_OLD')
    throw validation(`1 validation error detected: Value '${String(v)}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`);
  return v === 'ALL_OLD';
}
