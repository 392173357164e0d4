import { spawn, type ChildProcess } from 'node:child_process';
import { runtimeAsset } from './assets.js';

/** The host's side of the reaper (see reaper-main.ts): registers process groups to kill. */
export class Reaper {
  private proc: ChildProcess | undefined;

  constructor(private readonly nodeBinary: string) {}

  watch(pid: number | undefined): void {
    if (pid) this.write(`+${pid}\n`);
  }

  forget(pid: number | undefined): void {
    if (pid) this.write(`-${pid}\n`);
  }

  /** Closing the pipe makes the reaper kill whatever is still registered, then exit. */
  close(): void {
    this.proc?.stdin?.end();
    this.proc = undefined;
  }

  private write(line: string): void {
    if (!this.proc) {
      this.proc = spawn(this.nodeBinary, [runtimeAsset('reaper.cjs')], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true, // its own group: a terminal's Ctrl+C must not take it before the host
        windowsHide: true,
        env: nodeOnlyEnv(),
      });
      this.proc.unref();
      this.proc.on('error', () => {
        this.proc = undefined;
      });
      (this.proc.stdin as unknown as { unref?: () => void }).unref?.();
    }
    this.proc.stdin?.write(line);
  }
}

/** Under Electron the node binary is Electron itself, which must be told to act as Node. */
export function nodeOnlyEnv(): Record<string, string> {
  return process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
}
