/**
 * The reaper: a tiny process beside the host that kills every execution environment the moment
 * the host is gone, however it died (SIGKILL included). A runtime busy in a tight loop or frozen
 * with SIGSTOP cannot notice its parent's death itself; the reaper can, because its stdin is a
 * pipe from the host that closes when the host exits.
 * Protocol on stdin: "+<pid>" to watch a process group, "-<pid>" to forget it.
 */
const watched = new Set<number>();
let buffered = '';

process.on('SIGINT', () => {}); // a Ctrl+C in the terminal is for the host, which then closes our pipe
process.on('SIGTERM', () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  const lines = (buffered + chunk).split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) {
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (line[0] === '+') watched.add(pid);
    else if (line[0] === '-') watched.delete(pid);
  }
});
process.stdin.on('close', reapAll);
process.stdin.on('end', reapAll);
process.stdin.on('error', reapAll);

function reapAll(): void {
  for (const pid of watched) {
    for (const target of process.platform === 'win32' ? [pid] : [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  process.exit(0);
}
