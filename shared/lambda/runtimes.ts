/** The runtimes faaslab can run, and how each one is started. */
export type RuntimeFamily = 'nodejs' | 'python' | 'ruby' | 'provided';

export interface RuntimeInfo {
  id: string;
  family: RuntimeFamily;
  /** Value of AWS_EXECUTION_ENV; custom runtimes have none. */
  executionEnv?: string;
}

const RUNTIMES: readonly RuntimeInfo[] = [
  { id: 'nodejs18.x', family: 'nodejs', executionEnv: 'AWS_Lambda_nodejs18.x' },
  { id: 'nodejs20.x', family: 'nodejs', executionEnv: 'AWS_Lambda_nodejs20.x' },
  { id: 'nodejs22.x', family: 'nodejs', executionEnv: 'AWS_Lambda_nodejs22.x' },
  { id: 'nodejs24.x', family: 'nodejs', executionEnv: 'AWS_Lambda_nodejs24.x' },
  { id: 'python3.9', family: 'python', executionEnv: 'AWS_Lambda_python3.9' },
  { id: 'python3.10', family: 'python', executionEnv: 'AWS_Lambda_python3.10' },
  { id: 'python3.11', family: 'python', executionEnv: 'AWS_Lambda_python3.11' },
  { id: 'python3.12', family: 'python', executionEnv: 'AWS_Lambda_python3.12' },
  { id: 'python3.13', family: 'python', executionEnv: 'AWS_Lambda_python3.13' },
  { id: 'python3.14', family: 'python', executionEnv: 'AWS_Lambda_python3.14' },
  { id: 'ruby3.2', family: 'ruby', executionEnv: 'AWS_Lambda_ruby3.2' },
  { id: 'ruby3.3', family: 'ruby', executionEnv: 'AWS_Lambda_ruby3.3' },
  { id: 'ruby3.4', family: 'ruby', executionEnv: 'AWS_Lambda_ruby3.4' },
  { id: 'provided.al2023', family: 'provided' },
  { id: 'provided.al2', family: 'provided' },
  { id: 'provided', family: 'provided' },
];

export const SUPPORTED_RUNTIMES = RUNTIMES.map((r) => r.id);

export function runtimeInfo(id: string): RuntimeInfo | undefined {
  return RUNTIMES.find((r) => r.id === id);
}

/** nodejs24.x removed callback handlers and callbackWaitsForEmptyEventLoop. */
export function supportsCallbackHandlers(runtime: string): boolean {
  return runtime !== 'nodejs24.x';
}
