/**
 * faaslab's window, locked to its own pages: every setting comes from window-options.ts, the
 * page cannot navigate away or open windows (web links go to the user's browser), it gets the
 * renderer's CSP even if a response lacks it, and it is granted no browser permissions.
 */
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from './servers/static-files.js';
import { isAppUrl, isExternalWebUrl, windowOptions } from './window-options.js';

export interface WindowConfig {
  preloadPath: string;
  methodNames: readonly string[];
  /** e.g. http://127.0.0.1:3001: the host server that serves the renderer. */
  appOrigin: string;
  port: number;
}

export function createWindow(config: WindowConfig): BrowserWindow {
  const win = new BrowserWindow(windowOptions(config.preloadPath, config.methodNames));
  confine(win.webContents, config.appOrigin);
  win.once('ready-to-show', () => win.show());
  return win;
}

/** Once per session: applies to every page of the app, and to anything else that might load. */
export function secureSession(appOrigin: string, port: number): void {
  const csp = contentSecurityPolicy(port);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, appOrigin)) return callback({});
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  // The app needs no camera, location or notifications; copying to the clipboard is all it asks.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(permission === 'clipboard-sanitized-write' && isAppUrl(contents.getURL(), appOrigin));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => permission === 'clipboard-sanitized-write' && isAppUrl(origin, appOrigin));
}

function confine(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, appOrigin)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openOutside(url: string): void {
  if (isExternalWebUrl(url)) void shell.openExternal(url);
}
