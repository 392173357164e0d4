import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FunctionConfig } from '../../shared/domain/function-config.js';

/** A fresh folder for one test file's functions; remove it with removeTempDir in afterAll. */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'faaslab-test-'));
}

export function removeTempDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes files (paths relative to `dir`, folders created as needed); returns `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/**
 * A FunctionConfig with Lambda's defaults (nodejs20.x, 128 MB, 3 s, x86_64, 512 MB /tmp, Text
 * logs). The function name is the logical id unless given.
 */
export function functionConfig(logicalId: string, codeDir: string, handler: string, overrides: Partial<Omit<FunctionConfig, 'logicalId' | 'codeDir' | 'handler'>> = {}): FunctionConfig {
  return {
    logicalId,
    functionName: logicalId,
    codeDir,
    handler,
    runtime: 'nodejs20.x',
    memorySizeMb: 128,
    timeoutSeconds: 3,
    architecture: 'x86_64',
    ephemeralStorageMb: 512,
    environment: {},
    logFormat: 'Text',
    ...overrides,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `check` returns a value other than undefined/false. The limit is a safety net so a
 * broken engine fails the test instead of hanging it, not a statement about speed.
 */
export async function waitFor<T>(check: () => T | undefined | false, what: string, limitMs = 10_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(10);
  }
}

/** Whether a process with this id exists (signal 0 only checks). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The JSON body of an invocation's payload. */
export function payloadJson(payload: Buffer): unknown {
  return JSON.parse(payload.toString('utf8'));
}
