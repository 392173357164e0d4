/**
 * faaslab's window, locked to its own pages. Every decision is window-options.ts's (where the
 * page may go, what opens in the user's browser, which permissions and headers it gets); this
 * file only hands them to Electron's events, for every web contents the app ever makes.
 */
import { app, BrowserWindow, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from './servers/static-files.js';
import { appResponseHeaders, isExternalWebUrl, navigationVerdict, permissionAllowed, windowOpenVerdict, windowOptions } from './window-options.js';

export interface WindowConfig {
  preloadPath: string;
  methodNames: readonly string[];
  /** e.g. http://127.0.0.1:3001: the host server that serves the renderer. */
  appOrigin: string;
  port: number;
}

export function createWindow(config: WindowConfig): BrowserWindow {
  const win = new BrowserWindow(windowOptions(config.preloadPath, config.methodNames));
  win.once('ready-to-show', () => win.show());
  return win;
}

/**
 * Once, before the first window: applies to every page of the app, and to anything else that
 * might load. Every web contents is confined as it is made (web-contents-created), so none,
 * not even one this file did not make itself, is left with Electron's open defaults.
 */
export function secureSession(appOrigin: string, port: number): void {
  const csp = contentSecurityPolicy(port);
  app.on('web-contents-created', (_event, contents) => confine(contents, appOrigin));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = appResponseHeaders(details.url, details.responseHeaders, appOrigin, csp);
    callback(responseHeaders ? { responseHeaders } : {});
  });
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(permissionAllowed(permission, contents.getURL(), appOrigin)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, appOrigin));
}

function confine(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event) => {
    const verdict = navigationVerdict(event.url, appOrigin);
    if (verdict === 'stay') return;
    event.preventDefault();
    if (verdict === 'open-outside') openOutside(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (navigationVerdict(event.url, appOrigin) !== 'stay') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenVerdict(url, appOrigin) === 'open-outside') openOutside(url);
    return { action: 'deny' };
  });
  // webviewTag is off in every window; this refuses one even if a window were made without it.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openOutside(url: string): void {
  // Checked again here, at the one call: shell.openExternal must never see another scheme.
  if (isExternalWebUrl(url)) void shell.openExternal(url);
}
