import util from 'node:util';
import { LineSplitter } from '../../line-splitter.js';

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
type Level = (typeof LEVELS)[number];

export interface LogSink {
  (line: string): void;
}

/**
 * Routes console.* and raw stdout/stderr writes into framed log records, formatted as Lambda's
 * Node.js runtime formats them (ARCHITECTURE.md, Lambda behaviour 3). Each record is one message, so a
 * newline inside a message does not split it, as with Lambda's telemetry channel.
 */
export class FunctionLogger {
  requestId: string | undefined;
  private format: 'Text' | 'JSON' = 'Text';
  private minLevel = 0;
  /** Raw writes to stdout and stderr: one record per line, as written ('\r' kept). */
  private readonly streams = {
    stdout: new LineSplitter((line) => this.sink(line), { keepCarriageReturn: true }),
    stderr: new LineSplitter((line) => this.sink(line), { keepCarriageReturn: true }),
  };

  constructor(private readonly sink: LogSink) {}

  configure(env: NodeJS.ProcessEnv): void {
    this.format = env.AWS_LAMBDA_LOG_FORMAT === 'JSON' ? 'JSON' : 'Text';
    // Level filtering exists only in the JSON format, as on Lambda.
    const level = (env.AWS_LAMBDA_LOG_LEVEL ?? '').toUpperCase() as Level;
    this.minLevel = this.format === 'JSON' && LEVELS.includes(level) ? LEVELS.indexOf(level) : 0;
  }

  install(): void {
    const bind =
      (level: Level) =>
      (...args: unknown[]) =>
        this.log(level, args);
    console.trace = bind('TRACE');
    console.debug = bind('DEBUG');
    console.info = bind('INFO');
    console.log = bind('INFO');
    console.warn = bind('WARN');
    console.error = bind('ERROR');
    (console as unknown as Record<string, unknown>).fatal = bind('FATAL');
    this.interceptStream('stdout');
    this.interceptStream('stderr');
  }

  log(level: Level, args: unknown[]): void {
    if (LEVELS.indexOf(level) < this.minLevel) return;
    const time = new Date().toISOString();
    if (this.format === 'Text') {
      this.sink(`${time}\t${this.requestId ?? 'undefined'}\t${level}\t${util.format(...args)}`);
      return;
    }
    const record: Record<string, unknown> = { timestamp: time, level };
    if (this.requestId) record.requestId = this.requestId;
    const error = args.find((a): a is Error => a instanceof Error);
    record.message = args.length === 1 && error ? error.message : util.format(...args);
    if (error) {
      record.errorType = error.name;
      record.errorMessage = error.message;
      record.stackTrace = (error.stack ?? '').split('\n');
    }
    this.sink(safeStringify(record));
  }

  /** Flushes a partial last line written without a newline (end of an invocation). */
  flush(): void {
    this.streams.stdout.flush();
    this.streams.stderr.flush();
  }

  private interceptStream(name: 'stdout' | 'stderr'): void {
    const stream = process[name];
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown) => {
      this.streams[name].push(typeof chunk === 'string' ? chunk : Buffer.from(chunk));
      const done = typeof encoding === 'function' ? encoding : cb;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }) as typeof stream.write;
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify({ ...(value as object), message: util.inspect((value as { message: unknown }).message) });
  }
}
