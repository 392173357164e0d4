/** Display helpers shared by the panels. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

export function formatUsd(usd: number | undefined): string {
  if (usd === undefined) return '—';
  if (usd === 0) return '$0';
  // Single invocations cost fractions of a micro-dollar: three significant digits, no exponent.
  const decimals = Math.min(12, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(usd)))));
  return `$${usd.toFixed(decimals)}`;
}

export function formatBytes(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatElapsed(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)}m ${Math.floor((ms % 60_000) / 1000)}s`;
}

export function formatClock(time: number): string {
  const d = new Date(time);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The folder name of a path, on any OS. */
export function baseName(p: string): string {
  const parts = p.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

/** Pretty JSON for a function's response: parsed JSON as-is, text that holds JSON parsed first. */
export function prettyResponse(response: unknown): string {
  if (response === undefined) return '';
  if (typeof response === 'string') {
    try {
      return JSON.stringify(JSON.parse(response), null, 2);
    } catch {
      return response;
    }
  }
  return JSON.stringify(response, null, 2) ?? String(response);
}
