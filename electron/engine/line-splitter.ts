/**
 * Turns a byte stream into lines; a last line without a newline comes out on flush(). A '\r'
 * ending a line is dropped (custom runtimes' output), unless keepCarriageReturn (faaslab's
 * Node.js runtime, which passes a function's raw writes on as written).
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
    for (const line of lines) this.onLine(this.stripCr && line.endsWith('\r') ? line.slice(0, -1) : line);
  };

  flush(): void {
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}
