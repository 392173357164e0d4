/**
 * Lines for a stream, gathered and written once per turn of the event loop. Under load `faaslab
 * serve` prints four lines per invocation (START, END, REPORT, the request), and a write() call
 * for each was a tenth of the host's time; gathered, a burst of them costs one. Nothing waits
 * longer than the current turn, and whatever is left is written when the process exits.
 */
export function lineWriter(stream: NodeJS.WritableStream): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (!pending.length) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (!pending.length) setImmediate(flush);
    pending.push(line);
  };
}
