import type { AwsCall, RealAwsTarget } from './aws-call.js';

export type InvocationStatus = 'success' | 'error' | 'timeout' | 'throttled' | 'crashed' | 'oom';

/** The error payload Lambda returns for a failed invocation. */
export interface FunctionError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** One finished invocation, as `faaslab invoke --json` prints it. */
export interface InvocationRecord {
  requestId: string;
  functionName: string;
  logicalId: string;
  status: InvocationStatus;
  /** The function's result: parsed JSON when it is JSON, the raw text otherwise. */
  response?: unknown;
  error?: FunctionError;
  coldStart: boolean;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** The log stream of the execution environment that ran it. */
  logStream?: string;
  startedAt: string;
  logs: string[];
  /** How the function was isolated: 'none' when it ran with the user's own rights (no sandbox here). */
  sandbox?: 'bubblewrap' | 'none';
  /** The AWS calls it made through faaslab's local endpoint, in order. */
  awsCalls?: AwsCall[];
  /** Set when its AWS calls went to a real account (the workspace's AWS target setting), not to the local services. */
  awsTarget?: RealAwsTarget;
}
