/** Lambda's quotas and defaults (ARCHITECTURE.md, Lambda behaviour 5), in one place so a change is one edit. */
export const LIMITS = {
  memoryMb: { min: 128, max: 10_240, default: 128 },
  timeoutSeconds: { min: 1, max: 900, default: 3 },
  ephemeralStorageMb: { min: 512, max: 10_240, default: 512 },
  /** Sync request and response payloads. */
  syncPayloadBytes: 6_291_456,
  /** Event (async) invocation payloads, since October 2025. */
  asyncPayloadBytes: 1_048_576,
  streamedResponseBytes: 200 * 1024 * 1024,
  environmentBytes: 4096,
  layersPerFunction: 5,
  accountConcurrency: 1000,
  initSeconds: 10,
  /** Bytes of log kept for X-Amz-Log-Result (LogType Tail). */
  logTailBytes: 4096,
  /** Processes and threads in one execution environment. */
  processes: 1024,
  /** File descriptors open in one execution environment. */
  openFiles: 1024,
  /**
   * Log text one invocation may write before faaslab drops the rest (not a Lambda quota: CloudWatch
   * would take it all, at a price; a flood must not take the host's memory).
   */
  logBytesPerInvocation: 10 * 1024 * 1024,
  /** One log event's size in CloudWatch Logs: a longer line is split there. */
  logEventBytes: 256 * 1024,
} as const;

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '123456789012';
