/**
 * `faaslab ui`: the desktop app (Electron) when its binary is here, else, or with --browser, the
 * same host in plain Node serving the renderer to a browser (ARCHITECTURE.md "Where each capability lives").
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../engine/assets.js';
import { startHostServer, type HostServer } from '../servers/host-server.js';
import { createHost } from '../services/create-host.js';
import { defaultStateDir, RecentWorkspaces } from '../services/recent-workspaces.js';
import { TEMPLATE_NAMES } from '../workspace/read/template-loader.js';
import type { Host } from '../services/host-types.js';
import { CliError, parseCommandArgs, portValue, UsageError } from './args.js';
import { UI_HELP } from './help.js';

/** The Invoke API's usual port (sam local's); without --port a busy one is traded for a free one. */
export const DEFAULT_UI_PORT = 3001;
/** What the shell prints once its host serves; before it, an exit means Electron could not start. */
const SHELL_READY = 'Lambda Invoke API ready at';

export async function uiCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    browser: { type: 'boolean', short: 'b' },
    workspace: { type: 'string', short: 'w' },
    port: { type: 'string', short: 'p' },
    'api-port': { type: 'string', short: 'a' },
  });
  if (values.help) {
    process.stdout.write(`${UI_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`ui takes no arguments, got: ${positionals.join(' ')}`);
  const port = values.port === undefined ? undefined : portValue('port', values.port, DEFAULT_UI_PORT);
  // Undefined: 3000, or a free port when 3000 is taken (createHost decides).
  const apiPort = values['api-port'] === undefined ? undefined : portValue('api-port', values['api-port'], 0);
  const workspace = values.workspace === undefined ? undefined : path.resolve(values.workspace);

  if (!values.browser) {
    const found = findElectron();
    if ('executable' in found) {
      const shell = await runShell(found.executable, workspace, port, apiPort);
      if (shell.started) return shell.code;
      say(`faaslab: Electron could not start (exit code ${shell.code}); starting browser mode instead.`);
    } else {
      say(found.why);
    }
  }
  return browserMode(workspace ?? (await defaultWorkspace()), port, apiPort);
}

/**
 * Without --workspace: the folder it runs in when that is a workspace, else the last one opened,
 * else the examples (so `npm start` in a fresh clone opens something to try).
 */
async function defaultWorkspace(): Promise<string> {
  if (TEMPLATE_NAMES.some((name) => existsSync(path.join(process.cwd(), name)))) return process.cwd();
  for (const dir of await new RecentWorkspaces(defaultStateDir()).list()) {
    if (TEMPLATE_NAMES.some((name) => existsSync(path.join(dir, name)))) return dir;
  }
  return path.join(packageRoot(), 'examples');
}

async function browserMode(workspaceDir: string, port: number | undefined, apiPort: number | undefined): Promise<number> {
  const rendererDir = process.env.FAASLAB_RENDERER_DIR ?? path.join(packageRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new CliError(`the UI is not built (${path.join(rendererDir, 'index.html')} is missing): run npm run build`);
  let host: Host;
  try {
    host = await createHost({ workspaceDir, apiPort });
  } catch (err) {
    const inUse = (err as { code?: string }).code === 'Conflict' && apiPort !== undefined;
    throw new CliError(`${(err as Error).message}${inUse ? '; pick another with --api-port (0 picks a free one)' : ''}`);
  }
  let server: HostServer;
  try {
    server = await listen(host, rendererDir, port);
  } catch (err) {
    await host.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port (0 picks a free one)` : (err as Error).message);
  }
  say(`faaslab: open ${server.uiUrl}`);
  await stopSignal();
  await server.close();
  await host.close();
  return 0;
}

function listen(host: Host, rendererDir: string, port: number | undefined): Promise<HostServer> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  return startHostServer(host, { rendererDir, port: port ?? DEFAULT_UI_PORT, log }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE' || port !== undefined) throw err;
    return startHostServer(host, { rendererDir, port: 0, log });
  });
}

/**
 * Where the Electron binary is, found the way node_modules/electron/index.js finds it but
 * without loading that file: it downloads the binary when it is missing, which fails offline.
 */
export function findElectron(env: NodeJS.ProcessEnv = process.env): { executable: string } | { why: string } {
  const offline = 'faaslab: the Electron binary is not installed (offline); starting browser mode instead. Set ELECTRON_OVERRIDE_DIST_PATH to use an Electron you have.';
  let electronDir: string;
  try {
    electronDir = path.dirname(createRequire(path.join(packageRoot(), 'package.json')).resolve('electron/package.json'));
  } catch {
    return { why: offline };
  }
  const pathFile = path.join(electronDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const name = recorded || executableName();
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const file = path.join(override, name);
    return isExecutable(file) ? { executable: file } : { why: `faaslab: ELECTRON_OVERRIDE_DIST_PATH has no Electron executable (${file}); starting browser mode instead.` };
  }
  const file = path.join(electronDir, 'dist', name);
  return recorded && isExecutable(file) ? { executable: file } : { why: offline };
}

/** What Electron's install.js writes to path.txt on each platform. */
function executableName(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the shell until it quits. `started` is false when it exited before its host was ready
 * (no display, missing libraries): the caller falls back to browser mode.
 */
async function runShell(executable: string, workspace: string | undefined, port: number | undefined, apiPort: number | undefined): Promise<{ started: boolean; code: number }> {
  const main = path.join(packageRoot(), 'dist', 'electron', 'main.cjs');
  if (!existsSync(main)) throw new CliError(`the desktop app is not built (${main} is missing): run npm run build`);
  const args = [main, ...(workspace ? ['--workspace', workspace] : []), ...(port !== undefined ? ['--port', String(port)] : []), ...(apiPort !== undefined ? ['--api-port', String(apiPort)] : [])];
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // inherited from a parent, it would run main.cjs as plain Node
  const child = spawn(executable, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let started = false;
  child.stdout.on('data', (chunk: Buffer) => {
    started ||= chunk.toString().includes(SHELL_READY);
    process.stdout.write(chunk);
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => {
    child.once('error', () => resolve(127));
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  });
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  return { started, code };
}

function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
