/**
 * The one place that says how faaslab's window is built, and above all what its page may do:
 * its settings, where it may navigate, which links leave for the user's browser, which browser
 * permissions it gets and which response headers it sees. No 'electron' import (ARCHITECTURE.md's
 * layering), so a plain-Node test can check every decision; window.ts only wires them to
 * Electron's events, and BrowserWindow's own types check the settings at `npm test`.
 *
 * Nothing here may import more than this file: the sandboxed preload bundles it.
 */
export const WINDOW_TITLE = 'faaslab';

/** Carries the contract's method names to the sandboxed preload, which cannot load zod. */
export const METHODS_ARGUMENT = '--faaslab-methods=';

export function windowOptions(preloadPath: string, methodNames: readonly string[]) {
  return {
    title: WINDOW_TITLE,
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    // Shown on 'ready-to-show', so the first frame is the app, not a white flash.
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      // The page reaches the host only through preload.ts's contextBridge API (the contract).
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      preload: preloadPath,
      additionalArguments: [`${METHODS_ARGUMENT}${methodNames.join(',')}`],
    },
  };
}

/** A link the app may follow inside its window: its own pages, nothing else. */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    return new URL(url).origin === appOrigin;
  } catch {
    return false;
  }
}

/** Links to the web (AWS docs, ...) open in the user's browser; other schemes never open. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Where the page may go (will-navigate): its own pages stay in the window; a web link goes to
 * the user's browser instead; anything else (file:, javascript:, smb:, custom schemes) goes
 * nowhere, since the operating system would hand it to whatever program claims the scheme.
 */
export type NavigationVerdict = 'stay' | 'open-outside' | 'refuse';

export function navigationVerdict(url: string, appOrigin: string): NavigationVerdict {
  if (isAppUrl(url, appOrigin)) return 'stay';
  return isExternalWebUrl(url) ? 'open-outside' : 'refuse';
}

/**
 * window.open and target=_blank never make a window: a web link opens in the user's browser. The
 * app's own pages are refused too: in a browser, without the token, they would only say 401.
 */
export function windowOpenVerdict(url: string, appOrigin: string): Exclude<NavigationVerdict, 'stay'> {
  return !isAppUrl(url, appOrigin) && isExternalWebUrl(url) ? 'open-outside' : 'refuse';
}

/** The one browser permission the workbench uses: writing to the clipboard (the copy buttons). */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/**
 * Camera, microphone, location, notifications, MIDI, HID, opening external programs: the app
 * needs none, and Electron would grant every one of them without a handler.
 * `url` is the requesting page's URL or origin.
 */
export function permissionAllowed(permission: string, url: string, appOrigin: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isAppUrl(url, appOrigin);
}

type ResponseHeaders = Record<string, string | string[]>;

/**
 * The headers the session hands the page for a response (onHeadersReceived): the app's own get
 * exactly the renderer's CSP, whatever the server sent (or failed to send); other URLs are
 * left alone (undefined).
 */
export function appResponseHeaders(url: string, headers: ResponseHeaders | undefined, appOrigin: string, csp: string): ResponseHeaders | undefined {
  if (!isAppUrl(url, appOrigin)) return undefined;
  const rest = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(rest), 'Content-Security-Policy': [csp] };
}
