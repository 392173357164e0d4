/**
 * `<workspace>/.faaslab/host.json`: how local clients (the CLI acting on a running workspace)
 * find the host serving it, and the token they need. It holds a secret, so only its owner may
 * read it (0600), and it exists only while the host serves.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface HostFile {
  pid: number;
  url: string;
  port: number;
  token: string;
  /** The host's local AWS endpoint: `faaslab invoke` points its function there, so its writes land in the running workspace. */
  awsEndpoint?: string;
}

export function hostFilePath(workspaceDir: string): string {
  return path.join(workspaceDir, '.faaslab', 'host.json');
}

export function writeHostFile(workspaceDir: string, info: HostFile): void {
  const file = hostFilePath(workspaceDir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // A new file and a rename: writeFile's mode only applies when it creates the file, and a
  // stale host.json from a killed host may be readable by others; a reader never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Removes the file if it is still ours: another host may have opened the workspace since. */
export function removeHostFile(workspaceDir: string, token: string): void {
  const file = hostFilePath(workspaceDir);
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as Partial<HostFile>).token !== token) return;
  } catch {
    return; // gone or unreadable: nothing of ours to remove
  }
  rmSync(file, { force: true });
}
