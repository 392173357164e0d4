/**
 * The Electron shell's main process: app lifecycle, one Host, one host server, one window.
 * Everything that is not Electron lives in plain-Node modules (services/, servers/), which the
 * tests run without an Electron binary; this file only wires them to Electron's APIs.
 *
 * The window loads the renderer from the host server (http://127.0.0.1:<port>/), not file://:
 * one static server with one CSP for both faces, the Invoke API on the same port, and no
 * file:// origin with its access to every local file. The page still talks to the host over IPC
 * (preload.ts), and every IPC message is checked to come from that origin.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { methods, type HostErrorShape, type MethodName } from '../shared/api/contract.js';
import { packageRoot } from './engine/assets.js';
import { startHostServer, type HostServer } from './servers/host-server.js';
import { toErrorShape } from './servers/host-socket.js';
import { createHost } from './services/create-host.js';
import type { Host } from './services/host-types.js';
import { createWindow, secureSession } from './window.js';
import { isAppUrl } from './window-options.js';

/** The Invoke API's usual port (sam local's); a free one when it is taken. */
const DEFAULT_PORT = 3001;

let host: Host | undefined;
let server: HostServer | undefined;
let win: BrowserWindow | undefined;

app.enableSandbox();
app.whenReady().then(start).catch(fail);

async function start(): Promise<void> {
  const stateDir = process.env.FAASLAB_STATE_DIR ?? app.getPath('userData');
  const rendererDir = process.env.FAASLAB_RENDERER_DIR ?? path.join(packageRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`The UI is not built (${rendererDir} is missing): run npm run build.`);
  const apiPort = argument('--api-port');
  const h = (host = await createHost({ workspaceDir: firstWorkspace(stateDir), stateDir, apiPort: apiPort === undefined ? undefined : Number(apiPort) }));
  const port = argument('--port');
  server = await startHostServer(h, { rendererDir, port: port === undefined ? DEFAULT_PORT : Number(port) }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE' || port !== undefined) throw err;
    return startHostServer(h, { rendererDir, port: 0 });
  });
  const appOrigin = new URL(server.uiUrl!).origin;
  process.stdout.write(`faaslab: Lambda Invoke API ready at ${server.url}\n`);

  let remembered = h.workspaceDir;
  remember(stateDir, remembered);
  h.subscribe((push) => {
    if (h.workspaceDir !== remembered) remember(stateDir, (remembered = h.workspaceDir));
    for (const w of BrowserWindow.getAllWindows()) {
      if (!w.isDestroyed() && isAppUrl(w.webContents.getURL(), appOrigin)) w.webContents.send('faaslab:push', push);
    }
  });
  ipcMain.handle('faaslab:call', (event, method: unknown, params: unknown) => call(event, appOrigin, method, params));
  ipcMain.handle('faaslab:pickFolder', async (event) => {
    if (!fromApp(event, appOrigin)) return undefined;
    const parent = BrowserWindow.fromWebContents(event.sender);
    const options = { title: 'Open a workspace (a folder with template.yaml)', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
    const picked = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return picked.canceled ? undefined : picked.filePaths[0];
  });

  secureSession(appOrigin, server.port);
  const open = () => {
    win = createWindow({ preloadPath: path.join(__dirname, 'preload.cjs'), methodNames: Object.keys(methods), appOrigin, port: server!.port });
    // The token in the URL becomes an HttpOnly cookie on the first load (host-server.ts).
    void win.loadURL(server!.uiUrl!);
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
}

/** Every call is checked: it must come from the app's own page, and name a method of the contract. */
async function call(event: IpcMainInvokeEvent, appOrigin: string, method: unknown, params: unknown): Promise<{ result: unknown } | { error: HostErrorShape }> {
  if (!fromApp(event, appOrigin)) return { error: { code: 'ValidationError', message: 'faaslab: this page may not call the host' } };
  if (typeof method !== 'string' || !Object.hasOwn(methods, method)) return { error: { code: 'ValidationError', message: `unknown method '${String(method)}'` } };
  try {
    return { result: await host!.call(method as MethodName, params ?? {}) };
  } catch (err) {
    return { error: toErrorShape(err) };
  }
}

/** As VS Code's validatedIpcMain: the sender must be the top frame of our window, on our origin. */
function fromApp(event: IpcMainInvokeEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && isAppUrl(frame.url, appOrigin) && BrowserWindow.fromWebContents(event.sender) === win;
}

/** --workspace from `faaslab ui`, else the last one opened here, else the examples. */
function firstWorkspace(stateDir: string): string {
  const given = argument('--workspace');
  if (given) return path.resolve(given);
  try {
    const last = (JSON.parse(readFileSync(path.join(stateDir, 'shell.json'), 'utf8')) as { lastWorkspace?: string }).lastWorkspace;
    if (last && existsSync(last)) return last;
  } catch {
    // first run, or the file was edited by hand: start on the examples
  }
  return path.join(packageRoot(), 'examples');
}

function remember(stateDir: string, workspaceDir: string): void {
  try {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(path.join(stateDir, 'shell.json'), `${JSON.stringify({ lastWorkspace: workspaceDir })}\n`);
  } catch {
    // only a convenience for the next start
  }
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Runtime processes and host.json must not outlive the app: hold the quit until they are gone.
let stopped = false;
app.on('will-quit', (event) => {
  if (stopped) return;
  event.preventDefault();
  const stop = async () => {
    await server?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
  };
  void stop().then(() => {
    stopped = true;
    app.quit();
  });
});

function fail(err: unknown): void {
  dialog.showErrorBox('faaslab cannot start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}
