import { LIMITS } from './limits.js';

/** Set by Lambda and refused in a function's configuration (ARCHITECTURE.md, Lambda behaviour 4). */
export const RESERVED_VARIABLES: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
  'TZ',
]);

const KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]+$/;

export interface VariableProblem {
  key: string;
  message: string;
}

export function checkVariableKey(key: string): string | undefined {
  if (!KEY_PATTERN.test(key)) {
    return `"${key}" is not a valid variable name: it must start with a letter and have at least two characters, letters, digits and underscores only`;
  }
  if (RESERVED_VARIABLES.has(key)) return `"${key}" is reserved by Lambda and cannot be set`;
  return undefined;
}

/** Lambda counts keys and values, as UTF-8, against the 4 KB quota. */
export function environmentSize(vars: Record<string, string>): number {
  const encoder = new TextEncoder();
  let size = 0;
  for (const [k, v] of Object.entries(vars)) size += encoder.encode(k).length + encoder.encode(v).length;
  return size;
}

export function checkEnvironment(vars: Record<string, string>): VariableProblem[] {
  const problems: VariableProblem[] = [];
  for (const key of Object.keys(vars)) {
    const message = checkVariableKey(key);
    if (message) problems.push({ key, message });
  }
  const size = environmentSize(vars);
  if (size > LIMITS.environmentBytes) {
    problems.push({ key: '*', message: `variables take ${size} bytes, over Lambda's ${LIMITS.environmentBytes}-byte limit` });
  }
  return problems;
}
