/**
 * The built main process (dist/electron/main.cjs) run in plain Node with a stand-in for the
 * 'electron' module, since the binary cannot be had here. What runs is faaslab's own code: the
 * host, the host server, the window's first load through the token, and the IPC checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';

/**
 * Just enough of Electron for main.ts: records what it is asked, loads the window's URL with
 * fetch as a browser would (redirect, cookie), then plays the page calling over IPC and quits.
 */
const FAKE_ELECTRON = String.raw`
const Module = require('node:module');
const out = (o) => process.stdout.write('RESULT ' + JSON.stringify(o) + '\n');
const handlers = {}, appEvents = {}, windows = [], opened = [], session = {};
let sandboxed = false;
/** A web contents that keeps what main.ts registers on it, for the probes to fire. */
function makeContents(frame) {
  return {
    listeners: {}, openHandler: undefined, mainFrame: frame,
    on(event, fn) { (this.listeners[event] ??= []).push(fn); },
    setWindowOpenHandler(fn) { this.openHandler = fn; },
    getURL: () => frame.url, send() {},
  };
}
/** Fires a web contents event as Electron does; true when a listener prevented it. */
function emit(contents, name, url) {
  let prevented = false;
  for (const fn of contents.listeners[name] ?? []) fn({ url, preventDefault: () => (prevented = true) }, url);
  return prevented;
}
class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.frame = { url: '' };
    this.webContents = makeContents(this.frame);
    windows.push(this);
    appEvents['web-contents-created']?.({}, this.webContents);
  }
  once() {}
  isDestroyed() { return false; }
  async loadURL(url) {
    const first = await fetch(url, { redirect: 'manual' });
    const cookie = first.headers.get('set-cookie').split(';')[0];
    const page = await fetch(new URL(first.headers.get('location'), url), { headers: { cookie } });
    this.frame.url = page.url;
    const ours = { sender: this.webContents, senderFrame: this.frame };
    const foreign = { sender: this.webContents, senderFrame: { url: 'https://evil.example/' } };
    const app = new URL(url).origin;
    const wc = this.webContents;
    // A web contents main.ts did not make (devtools, a future view) is confined all the same.
    const other = makeContents({ url: 'about:blank' });
    appEvents['web-contents-created']?.({}, other);
    const request = (contents, permission) => { let granted; session.request(contents, permission, (g) => (granted = g)); return granted; };
    const evilPage = makeContents({ url: 'https://evil.example/' });
    const headers = (u, h) => { let answer; session.headers({ url: u, responseHeaders: h }, (a) => (answer = a)); return answer; };
    out({
      first: first.status, page: page.status, csp: page.headers.get('content-security-policy'),
      webPreferences: this.options.webPreferences,
      current: await handlers['faaslab:call'](ours, 'workspace.current', {}),
      unknown: await handlers['faaslab:call'](ours, 'constructor', {}),
      foreign: await handlers['faaslab:call'](foreign, 'workspace.current', {}),
      foreignPick: await handlers['faaslab:pickFolder'](foreign),
      sandboxed,
      prevented: {
        navigateApp: emit(wc, 'will-navigate', app + '/index.html#logs'),
        navigateWeb: emit(wc, 'will-navigate', 'https://docs.aws.amazon.com/lambda/'),
        navigateLookalike: emit(wc, 'will-navigate', app.replace('127.0.0.1', '127.0.0.1.evil.example') + '/'),
        navigateFile: emit(wc, 'will-navigate', 'file:///etc/passwd'),
        navigateScript: emit(wc, 'will-navigate', 'javascript:alert(1)'),
        redirectApp: emit(wc, 'will-redirect', app + '/'),
        redirectAway: emit(wc, 'will-redirect', 'https://evil.example/'),
        webview: emit(wc, 'will-attach-webview'),
        otherNavigate: emit(other, 'will-navigate', 'https://evil.example/other'),
        otherWebview: emit(other, 'will-attach-webview'),
      },
      windowOpen: {
        web: wc.openHandler({ url: 'https://aws.amazon.com/lambda/pricing/' }),
        app: wc.openHandler({ url: app + '/' }),
        smb: wc.openHandler({ url: 'smb://evil.example/share' }),
        other: other.openHandler?.({ url: 'file:///etc/passwd' }),
      },
      permissions: {
        clipboard: request(wc, 'clipboard-sanitized-write'),
        clipboardElsewhere: request(evilPage, 'clipboard-sanitized-write'),
        media: request(wc, 'media'),
        geolocation: request(wc, 'geolocation'),
        notifications: request(wc, 'notifications'),
        openExternal: request(wc, 'openExternal'),
        checkClipboard: session.check(wc, 'clipboard-sanitized-write', app),
        checkMedia: session.check(wc, 'media', app),
        checkElsewhere: session.check(evilPage, 'clipboard-sanitized-write', 'https://evil.example'),
      },
      headers: {
        app: headers(app + '/assets/x.js', { 'content-security-policy': ["script-src 'unsafe-eval' *"], 'X-Other': ['1'] }),
        elsewhere: headers('https://evil.example/', { 'content-security-policy': ['default-src *'] }),
      },
      opened,
    });
    appEvents['will-quit']({ preventDefault() {} });
  }
  static getAllWindows() { return windows; }
  static fromWebContents(wc) { return windows.find((w) => w.webContents === wc); }
}
const electron = {
  app: {
    enableSandbox() { sandboxed = true; }, whenReady: async () => {}, getPath: () => { throw new Error('FAASLAB_STATE_DIR is set'); },
    on: (event, fn) => (appEvents[event] = fn), quit: () => process.exit(0), exit: (code) => process.exit(code),
  },
  BrowserWindow,
  dialog: { showErrorBox: (title, message) => out({ errorBox: message }), showOpenDialog: async () => ({ canceled: false, filePaths: ['/picked'] }) },
  ipcMain: { handle: (channel, fn) => (handlers[channel] = fn) },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (fn) => (session.headers = fn) },
      setPermissionRequestHandler: (fn) => (session.request = fn),
      setPermissionCheckHandler: (fn) => (session.check = fn),
    },
  },
  shell: { openExternal: async (u) => void opened.push(u) },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
`;

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
  writeFiles(dir, {
    'fake-electron.cjs': FAKE_ELECTRON,
    'renderer/index.html': '<!doctype html><title>shell</title>',
    'ws/template.yaml': 'Resources:\n  HelloFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: hello/\n      Handler: index.handler\n      Runtime: nodejs20.x\n',
    'ws/hello/index.js': 'exports.handler = async () => 1;\n',
  });
});
afterAll(() => removeTempDir(dir));

function runMain(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, FAASLAB_RENDERER_DIR: path.join(dir, 'renderer'), FAASLAB_STATE_DIR: path.join(dir, 'state') };
  const args = ['-r', path.join(dir, 'fake-electron.cjs'), path.join(ROOT, 'dist/electron/main.cjs'), '--workspace', path.join(dir, 'ws'), '--port', '0'];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built Electron main process', () => {
  it('serves the renderer to its window, answers the window over IPC, refuses other senders, and cleans up', async () => {
    const r = await runMain();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^faaslab: Lambda Invoke API ready at http:\/\/127\.0\.0\.1:\d+$/m);
    const result = JSON.parse(/^RESULT (.*)$/m.exec(r.stdout)![1]!);
    expect(result.first).toBe(303);
    expect(result.page).toBe(200);
    expect(result.csp).toContain("script-src 'self'");
    expect(result.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(result.webPreferences.preload).toBe(path.join(ROOT, 'dist/electron/preload.cjs'));
    expect(result.current.result.dir).toBe(path.join(dir, 'ws'));
    expect(result.unknown).toEqual({ error: { code: 'ValidationError', message: "unknown method 'constructor'" } });
    expect(result.foreign.error.code).toBe('ValidationError');
    expect(result.foreignPick).toBeUndefined();
    expect(result.sandboxed).toBe(true);
    // Only the app's own pages load in its window; a web link opens in the user's browser, and
    // other schemes nowhere (shell.openExternal would hand them to any program that claims them).
    expect(result.prevented).toEqual({
      navigateApp: false,
      navigateWeb: true,
      navigateLookalike: true,
      navigateFile: true,
      navigateScript: true,
      redirectApp: false,
      redirectAway: true,
      webview: true,
      otherNavigate: true,
      otherWebview: true,
    });
    expect(result.windowOpen).toEqual({ web: { action: 'deny' }, app: { action: 'deny' }, smb: { action: 'deny' }, other: { action: 'deny' } });
    expect(result.opened).toEqual([
      'https://docs.aws.amazon.com/lambda/',
      expect.stringMatching(/^http:\/\/127\.0\.0\.1\.evil\.example:\d+\/$/),
      'https://evil.example/other',
      'https://aws.amazon.com/lambda/pricing/',
    ]);
    expect(result.permissions).toEqual({
      clipboard: true,
      clipboardElsewhere: false,
      media: false,
      geolocation: false,
      notifications: false,
      openExternal: false,
      checkClipboard: true,
      checkMedia: false,
      checkElsewhere: false,
    });
    // The app's responses carry exactly the renderer's CSP, whatever the server sent; others are untouched.
    expect(result.headers.app).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [result.csp] } });
    expect(result.headers.elsewhere).toEqual({});
    // The quit waited for the host server: host.json is gone.
    expect(fs.existsSync(path.join(dir, 'ws', '.faaslab', 'host.json'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'state', 'shell.json'), 'utf8'))).toEqual({ lastWorkspace: path.join(dir, 'ws') });
  });
});
