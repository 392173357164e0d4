/**
 * The host server as users start it: `faaslab ui` (browser mode, the fallback when Electron is
 * missing, a launched shell) and `faaslab serve`, as real processes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { ROOT, runCli } from '../../helpers/cli.js';
import { makeTempDir, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const BIN = path.join(ROOT, 'bin/faaslab.mjs');
const TEMPLATE = `Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: index.handler
      Runtime: nodejs20.x
`;
const URL_LINE = /^faaslab: open (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))$/;

let dir: string;
let workspace: string;
let rendererDir: string;
let env: NodeJS.ProcessEnv;
const running: ChildProcess[] = [];

beforeAll(() => {
  dir = makeTempDir();
  workspace = writeFiles(path.join(dir, 'ws'), { 'template.yaml': TEMPLATE, 'hello/index.js': 'exports.handler = async () => "hi";\n' });
  rendererDir = writeFiles(path.join(dir, 'renderer'), { 'index.html': '<!doctype html><title>faaslab test page</title>' });
  // No Electron: this machine has none, and a developer's ELECTRON_OVERRIDE_DIST_PATH must not leak in.
  env = { ...process.env, FAASLAB_RENDERER_DIR: rendererDir, FAASLAB_STATE_DIR: path.join(dir, 'state') };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
});
afterEach(() => {
  for (const p of running.splice(0)) p.kill('SIGKILL');
});
afterAll(() => removeTempDir(dir));

/** Starts faaslab and collects its output until `done` says it has printed enough. */
async function start(args: string[], extraEnv: NodeJS.ProcessEnv, done: (stdout: string) => boolean) {
  const proc = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(proc);
  let stdout = '';
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      stdout += d;
      if (done(stdout)) resolve();
    });
    void exited.then((code) => (done(stdout) ? resolve() : reject(new Error(`faaslab exited (${code}):\n${stdout}\n${stderr}`))));
  });
  return { proc, exited, stdout: () => stdout, stderr: () => stderr };
}

const endsWithUrl = (out: string) => out.split('\n').some((l) => URL_LINE.test(l));

describe('faaslab ui --browser', () => {
  it('prints exactly one line, the URL with the token, serves the page there, and stops on SIGTERM', async () => {
    const ui = await start(['ui', '--browser', '--workspace', workspace, '--port', '0'], {}, endsWithUrl);
    const lines = ui.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const [, url, port, token] = URL_LINE.exec(lines[0]!)!;

    const first = await fetch(url!, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('faaslab test page');
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);

    const hostFile = path.join(workspace, '.faaslab', 'host.json');
    expect(JSON.parse(fs.readFileSync(hostFile, 'utf8'))).toMatchObject({ pid: ui.proc.pid, port: Number(port), token });
    ui.proc.kill('SIGTERM');
    expect(await ui.exited).toBe(0);
    expect(fs.existsSync(hostFile)).toBe(false);
    expect(ui.stdout().trimEnd().split('\n')).toHaveLength(1);
  });

  it('says to build when the renderer is missing', async () => {
    const r = await runCli(['ui', '--browser', '--workspace', workspace, '--port', '0'], { env: { ...env, FAASLAB_RENDERER_DIR: path.join(dir, 'nothing') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('run npm run build');
  });

  it('has --help, and rejects bad values', async () => {
    const help = await runCli(['ui', '--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: faaslab ui [--browser] [--workspace DIR] [--port N]');
    expect((await runCli(['--help'], { env })).stdout).toMatch(/^ {2}ui {3,}/m);
    const bad = await runCli(['ui', '--port', 'x'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--port must be a port number from 0 to 65535, not 'x'");
  });
});

describe('faaslab ui without --browser', () => {
  it('says in one line that Electron is not installed, then serves browser mode', async () => {
    const ui = await start(['ui', '--workspace', workspace, '--port', '0'], {}, endsWithUrl);
    const lines = ui.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('faaslab: the Electron binary is not installed (offline); starting browser mode instead. Set ELECTRON_OVERRIDE_DIST_PATH to use an Electron you have.');
    expect(lines[1]).toMatch(URL_LINE);
  });

  it('names an ELECTRON_OVERRIDE_DIST_PATH without an executable, and falls back', async () => {
    const empty = makeTempDir();
    try {
      const ui = await start(['ui', '--workspace', workspace, '--port', '0'], { ELECTRON_OVERRIDE_DIST_PATH: empty }, endsWithUrl);
      const lines = ui.stdout().trimEnd().split('\n');
      expect(lines[0]).toBe(`faaslab: ELECTRON_OVERRIDE_DIST_PATH has no Electron executable (${path.join(empty, 'electron')}); starting browser mode instead.`);
      expect(lines[1]).toMatch(URL_LINE);
    } finally {
      removeTempDir(empty);
    }
  });

  // A stand-in executable shows what faaslab starts; it is not Electron, so nothing of the shell runs.
  it.skipIf(process.platform === 'win32')('starts the Electron at ELECTRON_OVERRIDE_DIST_PATH with the built shell and the workspace', async () => {
    const fake = writeFiles(makeTempDir(), {
      electron: '#!/bin/sh\necho "faaslab: Lambda Invoke API ready at http://127.0.0.1:1"\necho "args: $*"\necho "run-as-node: ${ELECTRON_RUN_AS_NODE:-unset}"\n',
    });
    fs.chmodSync(path.join(fake, 'electron'), 0o755);
    try {
      const r = await runCli(['ui', '--workspace', workspace], { env: { ...env, ELECTRON_OVERRIDE_DIST_PATH: fake, ELECTRON_RUN_AS_NODE: '1' } });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`args: ${path.join(ROOT, 'dist/electron/main.cjs')} --workspace ${workspace}`);
      expect(r.stdout).toContain('run-as-node: unset');
      expect(r.stdout).not.toContain('browser mode');
    } finally {
      removeTempDir(fake);
    }
  });

  it.skipIf(process.platform === 'win32')('falls back to browser mode when Electron exits before it is ready', async () => {
    const fake = writeFiles(makeTempDir(), { electron: '#!/bin/sh\necho "cannot open display" >&2\nexit 1\n' });
    fs.chmodSync(path.join(fake, 'electron'), 0o755);
    try {
      const ui = await start(['ui', '--workspace', workspace, '--port', '0'], { ELECTRON_OVERRIDE_DIST_PATH: fake }, endsWithUrl);
      const lines = ui.stdout().trimEnd().split('\n');
      expect(lines[0]).toBe('faaslab: Electron could not start (exit code 1); starting browser mode instead.');
      expect(lines[1]).toMatch(URL_LINE);
    } finally {
      removeTempDir(fake);
    }
  });
});

describe('faaslab serve', () => {
  it('serves the host API on its port too, with the token in host.json', async () => {
    const serve = await start(['serve', '--workspace', workspace, '--lambda-port', '0'], {}, (out) => out.includes('Lambda Invoke API ready at'));
    const hostFile = path.join(workspace, '.faaslab', 'host.json');
    const info = JSON.parse(fs.readFileSync(hostFile, 'utf8')) as { url: string; port: number; token: string };
    expect(serve.stdout()).toContain(`Lambda Invoke API ready at ${info.url}`);
    if (process.platform !== 'win32') expect(fs.statSync(hostFile).mode & 0o777).toBe(0o600);
    // No renderer here: the page is not served even with the token.
    expect((await fetch(`${info.url}/`, { headers: { cookie: `faaslab_token_${info.port}=${info.token}` } })).status).toBe(404);

    const ws = new WebSocket(`ws://127.0.0.1:${info.port}/api?token=${info.token}`);
    const messages: any[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ id: 1, method: 'workspace.current', params: {} }));
    const answer = await waitFor(() => messages.find((m) => m.id === 1), 'the answer');
    expect(answer.result.functions.map((f: { logicalId: string }) => f.logicalId)).toEqual(['HelloFunction']);
    ws.close();

    serve.proc.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(fs.existsSync(hostFile)).toBe(false);
  });
});
