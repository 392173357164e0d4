import type { AwsCall, AwsTarget } from '../../shared/domain/aws-call.js';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { FunctionError, InvocationStatus } from '../../shared/domain/invocation.js';
import type { Reaper } from './reaper.js';
import type { SparePools } from './spare-pool.js';
import type { SandboxSupport } from './sandbox/sandbox-support.js';

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
  /** How environments are isolated here (bubblewrap on Linux), or why they are not. */
  sandbox: SandboxSupport;
  /** CPU in proportion to Memory Size (the sandbox's cpu cgroup), as on Lambda. */
  cpuScaling?: boolean;
  /** The credentials an environment's variables carry: its own access key id, by which its AWS calls are known. */
  credentials(envId: string): AwsCredentials;
  /** faaslab's local AWS endpoint (AWS_ENDPOINT_URL), when there is one. */
  awsEndpoint?: string;
  functionArn(fn: FunctionConfig): string;
  onLog(entry: LogEntry): void;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Absent for a real profile with long-term keys. */
  sessionToken?: string;
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
  awsCalls: AwsCall[];
  /** Where its AWS calls went. */
  awsTarget: AwsTarget;
}
