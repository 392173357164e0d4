/**
 * The one place that says how faaslab's window is built, and above all what its page may do.
 * No 'electron' import (ARCHITECTURE.md's layering), so a plain-Node test can read these settings;
 * window.ts hands them to BrowserWindow, whose own types check them at `npm test`.
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
