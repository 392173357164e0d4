/**
 * Runs an installer (npm, pip) with its output passed on line by line as progress, and its own
 * error, the last lines it printed, when it fails.
 */
import { spawn } from 'node:child_process';
import { LineSplitter } from '../line-splitter.js';

export class InstallError extends Error {
  constructor(
    readonly command: string,
    readonly output: string,
  ) {
    super(`${command} failed:\n${output}`);
    this.name = 'InstallError';
  }
}

const TAIL_LINES = 40;

export function runInstaller(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; progress: (line: string) => void }): Promise<void> {
  const shown = [command, ...args].join(' ');
  opts.progress(`$ ${shown}`);
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const keep = (line: string) => {
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      opts.progress(line);
    };
    const proc = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out = new LineSplitter(keep);
    const err = new LineSplitter(keep);
    proc.stdout.on('data', out.push);
    proc.stderr.on('data', err.push);
    proc.on('error', (e) => reject(new InstallError(shown, e.message)));
    proc.on('close', (code, signal) => {
      out.flush();
      err.flush();
      if (code === 0) resolve();
      else reject(new InstallError(shown, [...tail, `(${signal ? `signal ${signal}` : `exit status ${code}`})`].join('\n')));
    });
  });
}
