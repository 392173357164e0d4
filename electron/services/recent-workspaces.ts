/** The workspaces opened lately, most recent first, in the user's state folder (not a workspace's). */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const MAX_RECENT = 10;

/** The user's faaslab state folder: FAASLAB_STATE_DIR, else ~/.faaslab. */
export function defaultStateDir(): string {
  return process.env.FAASLAB_STATE_DIR || path.join(os.homedir(), '.faaslab');
}

export class RecentWorkspaces {
  private readonly file: string;

  constructor(readonly stateDir: string) {
    this.file = path.join(stateDir, 'recent-workspaces.json');
  }

  async list(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string').slice(0, MAX_RECENT) : [];
    } catch {
      return []; // none yet, or unreadable: recent folders are a convenience, never an error
    }
  }

  async add(dir: string): Promise<void> {
    const list = [dir, ...(await this.list()).filter((d) => d !== dir)].slice(0, MAX_RECENT);
    await mkdir(this.stateDir, { recursive: true });
    await writeFile(this.file, `${JSON.stringify(list, null, 2)}\n`);
  }
}
