/**
 * ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all its
 * expressions (a ConditionExpression and an UpdateExpression use the same maps), recording which
 * placeholders the expressions used so that an unused one is the ValidationException DynamoDB
 * answers.
 */
import { checkValue, type AttributeValue } from '../attribute-values.js';
import { validation } from '../errors.js';

export class ExpressionInputs {
  private readonly names: Record<string, string>;
  private readonly values: Record<string, AttributeValue> = {};
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(names: unknown, values: unknown) {
    if (names !== undefined && (typeof names !== 'object' || names === null)) throw validation('ExpressionAttributeNames must be a map');
    if (values !== undefined && (typeof values !== 'object' || values === null)) throw validation('ExpressionAttributeValues must be a map');
    if (values && Object.keys(values).length === 0) throw validation('ExpressionAttributeValues must not be empty');
    if (names && Object.keys(names).length === 0) throw validation('ExpressionAttributeNames must not be empty');
    this.names = (names ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      if (!k.startsWith(':')) throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
      try {
        this.values[k] = checkValue(v);
      } catch (err) {
        throw validation(`ExpressionAttributeValues contains invalid value: ${(err as Error).message} for key ${k}`);
      }
    }
    for (const k of Object.keys(this.names)) if (!k.startsWith('#')) throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
  }

  get hasAny(): boolean {
    return Object.keys(this.names).length > 0 || Object.keys(this.values).length > 0;
  }

  /** #n's attribute name; `what` is the expression kind for the message. */
  name(ref: string, what: string): string {
    const name = this.names[ref];
    if (name === undefined) throw validation(`Invalid ${what}: An expression attribute name used in the document path is not defined; attribute name: ${ref}`);
    this.usedNames.add(ref);
    return name;
  }

  value(ref: string, what: string): AttributeValue {
    const value = this.values[ref];
    if (value === undefined) throw validation(`Invalid ${what}: An expression attribute value used in expression is not defined; attribute value: ${ref}`);
    this.usedValues.add(ref);
    return value;
  }

  /** Once every expression of the request is parsed. */
  checkAllUsed(): void {
    const names = Object.keys(this.names).filter((k) => !this.usedNames.has(k));
    if (names.length) throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${names.join(', ')}}`);
    const values = Object.keys(this.values).filter((k) => !this.usedValues.has(k));
    if (values.length) throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${values.join(', ')}}`);
  }
}
