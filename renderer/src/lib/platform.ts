const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How shortcuts are written on this platform: ⌘S on macOS, Ctrl+S elsewhere. */
export const MOD = isMac ? '⌘' : 'Ctrl+';
