import { LIMITS } from '../../shared/lambda/limits.js';

/**
 * Turns a byte stream into lines; a last line without a newline comes out on flush(). A '\r'
 * ending a line is dropped (custom runtimes' output), unless keepCarriageReturn (faaslab's
 * Node.js runtime, which passes a function's raw writes on as written). A line longer than a
 * CloudWatch log event (256 KB) comes out in pieces of that size, as CloudWatch would split it,
 * so a gigabyte without a newline is never held whole.
 */
export class LineSplitter {
  private partial = '';
  private readonly stripCr: boolean;

  constructor(
    private readonly onLine: (line: string) => void,
    opts: { keepCarriageReturn?: boolean } = {},
  ) {
    this.stripCr = !opts.keepCarriageReturn;
  }

  push = (chunk: Buffer | string): void => {
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.emit(this.stripCr && line.endsWith('\r') ? line.slice(0, -1) : line);
    while (this.partial.length > LIMITS.logEventBytes) {
      this.onLine(this.partial.slice(0, LIMITS.logEventBytes));
      this.partial = this.partial.slice(LIMITS.logEventBytes);
    }
  };

  private emit(line: string): void {
    for (let at = LIMITS.logEventBytes; line.length > at; line = line.slice(at)) this.onLine(line.slice(0, at));
    this.onLine(line);
  }

  flush(): void {
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}
