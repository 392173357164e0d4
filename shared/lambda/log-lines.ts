/**
 * The platform lines Lambda writes around every invocation (ARCHITECTURE.md, Lambda behaviour 3), in the text
 * and JSON log formats. Pure, so the UI can render and parse the same lines the engine writes.
 */

export interface ReportFigures {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  /** Lambda's report status: absent or success for a normal end, else timeout or error. */
  status?: 'success' | 'error' | 'timeout';
  /** With status error: what ended the environment, e.g. Runtime.ExitError. */
  errorType?: string;
}

export type LogFormat = 'Text' | 'JSON';

export function initStartLine(format: LogFormat, runtimeVersion: string, functionArn: string, time: Date): string {
  const arn = `arn:aws:lambda:${functionArn.split(':')[3] ?? 'us-east-1'}::runtime:${runtimeVersion}`;
  if (format === 'JSON') {
    return JSON.stringify({
      time: time.toISOString(),
      type: 'platform.initStart',
      record: { initializationType: 'on-demand', phase: 'init', runtimeVersion, runtimeVersionArn: arn, functionName: functionArn.split(':')[6], functionVersion: '$LATEST' },
    });
  }
  return `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${arn}`;
}

export function startLine(format: LogFormat, requestId: string, version: string, time: Date): string {
  if (format === 'JSON') {
    return JSON.stringify({ time: time.toISOString(), type: 'platform.start', record: { requestId, version } });
  }
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(format: LogFormat, requestId: string, status: string, time: Date): string {
  if (format === 'JSON') {
    return JSON.stringify({ time: time.toISOString(), type: 'platform.runtimeDone', record: { requestId, status } });
  }
  return `END RequestId: ${requestId}`;
}

export function reportLine(format: LogFormat, r: ReportFigures, time: Date): string {
  if (format === 'JSON') {
    const metrics: Record<string, number> = {
      durationMs: round2(r.durationMs),
      billedDurationMs: r.billedDurationMs,
      memorySizeMB: r.memorySizeMb,
      maxMemoryUsedMB: r.maxMemoryUsedMb,
    };
    if (r.initDurationMs !== undefined) metrics.initDurationMs = round2(r.initDurationMs);
    const record: Record<string, unknown> = { requestId: r.requestId, metrics, status: r.status ?? 'success' };
    if (r.errorType) record.errorType = r.errorType;
    return JSON.stringify({ time: time.toISOString(), type: 'platform.report', record });
  }
  let line =
    `REPORT RequestId: ${r.requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${r.billedDurationMs} ms\t` +
    `Memory Size: ${r.memorySizeMb} MB\tMax Memory Used: ${r.maxMemoryUsedMb} MB\t`;
  if (r.initDurationMs !== undefined) line += `Init Duration: ${r.initDurationMs.toFixed(2)} ms\t`;
  if (r.status === 'timeout') line += 'Status: timeout';
  else if (r.status === 'error') line += `Status: error${r.errorType ? `\tError Type: ${r.errorType}` : ''}`;
  return line;
}

/** After a failed init (ARCHITECTURE.md, Lambda behaviour 7): Lambda reports the phase before the invocation. */
export function initReportLine(format: LogFormat, initDurationMs: number, status: 'error' | 'timeout', errorType: string | undefined, time: Date): string {
  if (format === 'JSON') {
    return JSON.stringify({
      time: time.toISOString(),
      type: 'platform.initReport',
      record: { initializationType: 'on-demand', phase: 'init', status, errorType, metrics: { durationMs: round2(initDurationMs) } },
    });
  }
  return `INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms\tPhase: init\tStatus: ${status}${errorType ? `\tError Type: ${errorType}` : ''}`;
}

/** Written by Lambda itself (not the runtime) when the deadline passes. */
export function timeoutLine(requestId: string, elapsedSeconds: number, time: Date): string {
  return `${time.toISOString()} ${requestId} Task timed out after ${elapsedSeconds.toFixed(2)} seconds`;
}

export function timeoutMessage(requestId: string, timeoutSeconds: number): string {
  return `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/** Parses a text REPORT line back into figures; undefined for any other line. */
export function parseReportLine(line: string): ReportFigures | undefined {
  const m = /^REPORT RequestId: (\S+)\tDuration: ([\d.]+) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB\tMax Memory Used: (\d+) MB\t(?:Init Duration: ([\d.]+) ms\t)?/.exec(line);
  if (!m) return undefined;
  const figures: ReportFigures = {
    requestId: m[1]!,
    durationMs: Number(m[2]),
    billedDurationMs: Number(m[3]),
    memorySizeMb: Number(m[4]),
    maxMemoryUsedMb: Number(m[5]),
  };
  if (m[6] !== undefined) figures.initDurationMs = Number(m[6]);
  return figures;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
