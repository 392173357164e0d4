/** Turns a byte stream into lines; a last line without a newline comes out on flush(). */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push = (chunk: Buffer | string): void => {
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  };

  flush(): void {
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}
