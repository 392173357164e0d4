import { test as base, expect, type Page, type Request } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

export interface App {
  page: Page;
  url: string;
  workspace: string;
  /** Every request the page made, for the "nothing leaves 127.0.0.1" check. */
  requests: Request[];
  output(): string;
  screenshot(name: string): Promise<void>;
}

/**
 * A fresh copy of the example workspace per test, as Insomnia's randomDataPath() does; or, with
 * `files` (relative path -> content), a fresh workspace of just those files.
 */
function tempWorkspace(files?: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-e2e-'));
  if (files) {
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), content);
    }
    return dir;
  }
  cpSync(path.join(ROOT, 'examples'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.faaslab`) });
  return dir;
}

async function startUi(workspace: string, stateDir: string, hostEnv: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/faaslab.mjs'), 'ui', '--browser', '--workspace', workspace, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, FAASLAB_STATE_DIR: stateDir, ...hostEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`faaslab ui exited (${code}) before printing its URL:\n${out}`)));
  });
  return { proc, url, output: () => out };
}

export const test = base.extend<{ app: App; workspaceFiles: Record<string, string> | undefined; hostEnv: Record<string, string> | undefined }>({
  /** test.use({ workspaceFiles: {...} }) runs the app on a workspace of those files instead of examples/. */
  workspaceFiles: [undefined, { option: true }],
  /** test.use({ hostEnv: {...} }) adds variables to the host's environment (FAASLAB_SANDBOX=off). */
  hostEnv: [undefined, { option: true }],
  app: async ({ page, workspaceFiles, hostEnv }, use, testInfo) => {
    const workspace = tempWorkspace(workspaceFiles);
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-e2e-state-'));
    const { proc, url, output } = await startUi(workspace, stateDir, hostEnv);
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await page.goto(url);
    await expect(page.getByTestId('app-shell')).toBeVisible();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const app: App = {
      page,
      url,
      workspace,
      requests,
      output,
      screenshot: async (name) => {
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
      },
    };
    await use(app);
    if (testInfo.status !== testInfo.expectedStatus) console.log(`faaslab ui output:\n${output()}`);
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    rmSync(workspace, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  },
});

export { expect };
