/**
 * The Electron shell without Electron (its binary cannot be had here): the window settings that
 * make the page safe, that window.ts really uses them, and the built preload run against a
 * stand-in of the two Electron objects it touches, to check it exposes exactly the contract.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { methods } from '../../shared/api/contract.js';
import { appResponseHeaders, isAppUrl, isExternalWebUrl, METHODS_ARGUMENT, navigationVerdict, permissionAllowed, windowOpenVerdict, windowOptions } from '../../electron/window-options.js';
import { ROOT } from '../helpers/cli.js';

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

describe('window options', () => {
  const options = windowOptions('/app/dist/electron/preload.cjs', Object.keys(methods));

  it('isolate and sandbox the page, with no Node.js in it', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(options.title).toBe('faaslab');
    // Electron's checklist items 9 and 10: nothing experimental, no Blink features switched on.
    for (const risky of ['experimentalFeatures', 'enableBlinkFeatures', 'allowpopups', 'disableBlinkFeatures']) expect(options.webPreferences).not.toHaveProperty(risky);
  });

  it("hand the preload the contract's method names", () => {
    const arg = options.webPreferences.additionalArguments.find((a) => a.startsWith(METHODS_ARGUMENT))!;
    expect(arg.slice(METHODS_ARGUMENT.length).split(',')).toEqual(Object.keys(methods));
  });

  it('tell the app from the rest of the web', () => {
    expect(isAppUrl('http://127.0.0.1:3001/index.html', 'http://127.0.0.1:3001')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:3002/', 'http://127.0.0.1:3001')).toBe(false);
    expect(isAppUrl('file:///etc/passwd', 'http://127.0.0.1:3001')).toBe(false);
    expect(isExternalWebUrl('https://docs.aws.amazon.com/lambda/')).toBe(true);
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalWebUrl('smb://host/share')).toBe(false);
  });
});

describe("the window's decisions", () => {
  const app = 'http://127.0.0.1:3001';

  it('keep navigation on the app, send web links to the browser, and nothing else anywhere', () => {
    expect(navigationVerdict(`${app}/index.html?tab=logs#x`, app)).toBe('stay');
    expect(navigationVerdict('https://docs.aws.amazon.com/lambda/latest/dg/', app)).toBe('open-outside');
    // Compared by parsed origin, not by prefix: a look-alike host or another port is the web.
    expect(navigationVerdict('http://127.0.0.1.evil.example:3001/', app)).toBe('open-outside');
    expect(navigationVerdict('http://127.0.0.1:3002/', app)).toBe('open-outside');
    expect(navigationVerdict('http://127.0.0.1:3001@evil.example/', app)).toBe('open-outside');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'smb://host/share', 'vscode://file/x', 'ms-msdt:/id', 'not a url']) {
      expect(navigationVerdict(url, app), url).toBe('refuse');
      expect(windowOpenVerdict(url, app), url).toBe('refuse');
    }
  });

  it('never open a window: web links go to the browser, the app itself nowhere', () => {
    expect(windowOpenVerdict('https://aws.amazon.com/lambda/pricing/', app)).toBe('open-outside');
    expect(windowOpenVerdict(`${app}/`, app)).toBe('refuse');
  });

  it('grant the clipboard write to the app alone, and no other permission to anyone', () => {
    expect(permissionAllowed('clipboard-sanitized-write', `${app}/`, app)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', app, app)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', app)).toBe(false);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'hid',
      'serial',
      'usb',
      'display-capture',
      'idle-detection',
      'storage-access',
      'unknown',
    ]) {
      expect(permissionAllowed(p, `${app}/`, app), p).toBe(false);
    }
  });

  it("give the app's responses exactly the renderer's CSP, and leave others alone", () => {
    const csp = "default-src 'self'";
    expect(appResponseHeaders(`${app}/assets/x.js`, { 'Content-Security-Policy': ['*'], 'content-security-policy': ["script-src 'unsafe-eval'"], 'X-A': '1' }, app, csp)).toEqual({
      'X-A': '1',
      'Content-Security-Policy': [csp],
    });
    expect(appResponseHeaders(`${app}/`, undefined, app, csp)).toEqual({ 'Content-Security-Policy': [csp] });
    expect(appResponseHeaders('https://evil.example/', { 'X-A': '1' }, app, csp)).toBeUndefined();
  });
});

describe('the shell sources', () => {
  it('build their one window from window-options.ts', () => {
    const windowTs = read('electron/window.ts');
    expect(windowTs).toContain("from './window-options.js'");
    expect(windowTs).toContain('new BrowserWindow(windowOptions(');
    // No other file builds a window with settings of its own.
    for (const file of ['electron/main.ts', 'electron/preload.ts']) expect(read(file)).not.toContain('new BrowserWindow(');
  });

  it('check every IPC sender in main.ts and never expose ipcRenderer in preload.ts', () => {
    const main = read('electron/main.ts');
    expect(main).toMatch(/ipcMain\.handle\('faaslab:call', \(event[^)]*\) => call\(event/);
    expect(main).toContain('event.senderFrame');
    const preload = read('electron/preload.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('are built into dist/electron with Electron left out of the bundles', () => {
    const main = read('dist/electron/main.cjs');
    expect(main).toContain('require("electron")');
    expect(main).toContain('contextIsolation: true');
    // A sandboxed preload can require only a few modules: it must be one self-contained file.
    const requires = [...read('dist/electron/preload.cjs').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
  });
});

describe('the built preload', () => {
  /** Runs dist/electron/preload.cjs as a sandboxed page would, with IPC answered by `answer`. */
  function loadPreload(answer: (channel: string, ...args: unknown[]) => unknown) {
    const exposed: Record<string, any> = {};
    const sent: unknown[][] = [];
    const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => (sent.push([channel, ...args]), answer(channel, ...args)),
        on: (channel: string, l: (...a: unknown[]) => void) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
        removeListener: (channel: string, l: (...a: unknown[]) => void) => listeners.get(channel)?.delete(l),
      },
    };
    const argv = ['electron', '--type=renderer', ...windowOptions('p', Object.keys(methods)).webPreferences.additionalArguments];
    const require = (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    vm.runInNewContext(read('dist/electron/preload.cjs'), { require, process: { argv }, exports: {}, module: { exports: {} } });
    const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l(...args));
    return { api: exposed.faaslab, keys: Object.keys(exposed), sent, emit };
  }

  it('exposes call, onPush and pickFolder under window.faaslab, and nothing else', () => {
    const { api, keys } = loadPreload(() => undefined);
    expect(keys).toEqual(['faaslab']);
    expect(Object.keys(api).sort()).toEqual(['call', 'onPush', 'pickFolder']);
  });

  it('refuses a method outside the contract before anything is sent', async () => {
    const { api, sent } = loadPreload(() => ({ result: 'never' }));
    await expect(api.call('shell.openExternal', {})).rejects.toEqual({ code: 'ValidationError', message: "unknown method 'shell.openExternal'" });
    await expect(api.call('toString', {})).rejects.toMatchObject({ code: 'ValidationError' });
    expect(sent).toEqual([]);
  });

  it('sends a contract method on faaslab:call and unwraps its answer or error', async () => {
    const { api, sent } = loadPreload((_channel, method) => (method === 'workspace.current' ? { result: { dir: '/w' } } : { error: { code: 'NotFound', message: 'no such function' } }));
    expect(await api.call('workspace.current', {})).toEqual({ dir: '/w' });
    await expect(api.call('config.get', { logicalId: 'X' })).rejects.toEqual({ code: 'NotFound', message: 'no such function' });
    expect(sent).toEqual([
      ['faaslab:call', 'workspace.current', {}],
      ['faaslab:call', 'config.get', { logicalId: 'X' }],
    ]);
  });

  it('delivers pushes without the IPC event, until unsubscribed; pickFolder asks the main process', async () => {
    const { api, emit, sent } = loadPreload((channel) => (channel === 'faaslab:pickFolder' ? '/picked' : undefined));
    const got: unknown[] = [];
    const off = api.onPush((...args: unknown[]) => got.push(args));
    emit('faaslab:push', { sender: 'secret' }, { event: 'log', data: { line: 'x' } });
    off();
    emit('faaslab:push', { sender: 'secret' }, { event: 'log', data: { line: 'y' } });
    expect(got).toEqual([[{ event: 'log', data: { line: 'x' } }]]);
    expect(await api.pickFolder()).toBe('/picked');
    expect(sent).toEqual([['faaslab:pickFolder']]);
  });
});
