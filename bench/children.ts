/**
 * Child processes the bench starts. Each runs in its own process group (detached), so stopping
 * one also ends what it started (serverless's workers, a proxy's back end); every one is
 * registered, so a failing or interrupted bench still leaves nothing running.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Kills what is still running, synchronously: usable from an 'exit' handler. */
export function killAllChildren(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
}

export function spawnChild(command: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  hookExit();
  const child = spawn(command, args, { stdio: 'ignore', ...opts, detached: process.platform !== 'win32' });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/**
 * Asks the group to stop (SIGTERM: faaslab and serverless then close their own environments and
 * workers), and kills it if it is still there after `graceMs`.
 */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }
  // The leader may be gone while members of its group linger: end them too.
  killGroup(child, 'SIGKILL');
  live.delete(child);
}

/**
 * Resolves with the first match of `pattern` in the child's output (stdout and stderr must be
 * pipes); the output keeps being read afterwards, so a chatty server never blocks on a full pipe.
 * Rejects with the output's tail if the child exits first or `timeoutMs` passes.
 */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    let done = false;
    const finish = (err: Error | undefined, match?: RegExpExecArray) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      text = '';
      if (err) reject(err);
      else resolve(match!);
    };
    const onData = (chunk: Buffer) => {
      if (done) return;
      text += chunk.toString('utf8');
      const match = pattern.exec(text);
      if (match) finish(undefined, match);
      else if (text.length > 64_000) text = text.slice(-32_000);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => finish(new Error(`exited (${signal ?? `status ${code}`}) before it was ready; output: ${tail(text)}`)));
    const timer = setTimeout(() => finish(new Error(`not ready after ${timeoutMs} ms; output: ${tail(text)}`)), timeoutMs);
  });
}

function tail(text: string): string {
  const t = text.trim();
  return t.length > 2000 ? `...${t.slice(-2000)}` : t || '(none)';
}

/** Resolves with the first IPC message (a child reporting its port or its samples). */
export function firstMessage<T>(child: ChildProcess, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${timeoutMs} ms`)), timeoutMs);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as T);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${signal ?? `status ${code}`}) before answering`));
    });
  });
}
