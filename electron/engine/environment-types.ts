import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { FunctionError, InvocationStatus } from '../../shared/domain/invocation.js';
import type { Reaper } from './reaper.js';
import type { SparePools } from './spare-pool.js';

export interface LogEntry {
  logicalId: string;
  logStream: string;
  requestId?: string;
  line: string;
  time: number;
}

/** What an execution environment needs from the engine that owns it. */
export interface EnvironmentDeps {
  region: string;
  nodeBinary: string;
  spares: SparePools;
  reaper: Reaper;
  /** Parent folder of every environment's /tmp stand-in. */
  tmpRoot: string;
  freeze: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  functionArn(fn: FunctionConfig): string;
  onLog(entry: LogEntry): void;
}

export interface InvocationInput {
  requestId: string;
  payload: Buffer;
  traceId: string;
  clientContext?: string;
  cognitoIdentity?: string;
}

export interface EnvironmentOutcome {
  status: InvocationStatus;
  /** The bytes Lambda returns: the function's response, or the error JSON. */
  payload: Buffer;
  error?: FunctionError;
  coldStart: boolean;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  maxMemoryUsedMb: number;
  logStream: string;
  logs: string[];
}
