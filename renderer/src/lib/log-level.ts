/**
 * The colour class of a log line: Lambda's platform lines are dimmed, application lines are
 * coloured by level. Understands both log formats the engine writes (shared/lambda/log-lines.ts):
 * text (`<time>\t<requestId>\tLEVEL\tmessage`, `START RequestId: ...`) and JSON records.
 */
export type LineLevel = 'error' | 'warn' | 'info' | 'debug' | 'platform' | 'plain';

const PLATFORM_TEXT = /^(START|END|REPORT|INIT_START|INIT_REPORT|EXTENSION|TELEMETRY|RESTORE_START|RESTORE_REPORT)\b/;
const TEXT_LEVEL = /^\S+\t\S+\t(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\t/;

export function lineLevel(line: string): LineLevel {
  if (PLATFORM_TEXT.test(line)) return 'platform';
  if (line.startsWith('{')) {
    const level = jsonLevel(line);
    if (level) return level;
  }
  const m = TEXT_LEVEL.exec(line);
  if (m) return fromLevelName(m[1]!);
  if (/Task timed out after|Runtime\.\w+Error|Runtime exited|Process exited before completing/.test(line)) return 'error';
  return 'plain';
}

function jsonLevel(line: string): LineLevel | undefined {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  if (typeof r.type === 'string' && r.type.startsWith('platform.')) {
    const status = (r.record as Record<string, unknown> | undefined)?.status;
    return status === 'error' || status === 'timeout' || status === 'failure' ? 'error' : 'platform';
  }
  return typeof r.level === 'string' ? fromLevelName(r.level.toUpperCase()) : undefined;
}

function fromLevelName(level: string): LineLevel {
  if (level === 'ERROR' || level === 'FATAL') return 'error';
  if (level === 'WARN') return 'warn';
  if (level === 'DEBUG' || level === 'TRACE') return 'debug';
  return 'info';
}
