/** The runtimes faaslab can run, and how each one is started. */
export type RuntimeFamily = 'nodejs' | 'provided';

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
