/** EventBridge's errors in its own words (awsJson 1.1: `__type` is the error's name). */
import { AwsError } from '../wire.js';

export const validation = (message: string) => new AwsError('ValidationException', message);

export const tooManyEntries = () => validation("1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10");

export const noEntries = () => validation("1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1");

export const busNotFound = (bus: string) => new AwsError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);

export const ruleNotFound = (rule: string, bus: string) => new AwsError('ResourceNotFoundException', `Rule ${rule} does not exist on EventBus ${bus}.`);

export const unknownOperation = (operation: string) => new AwsError('UnknownOperationException', `faaslab's local EventBridge does not know the operation ${operation}`);

export const unsupported = (operation: string) =>
  new AwsError(
    'UnsupportedOperation',
    `faaslab's local EventBridge does not support ${operation}: its buses and rules are the template's EventBridgeRule events, AWS::Events::Rule and AWS::Events::EventBus resources (edit template.yaml to change them)`,
  );

export const invalidPattern = (reason: string) => new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
