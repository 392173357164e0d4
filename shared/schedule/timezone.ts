/**
 * Wall clock <-> UTC for IANA time zones with nothing but Intl.DateTimeFormat (pure JS).
 *
 * A "wall" time is represented as the milliseconds a UTC Date would have with the same fields,
 * so calendar arithmetic on it can use the UTC getters and setters.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const HOUR = 3_600_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isUtc(timeZone: string): boolean {
  return timeZone === 'UTC' || timeZone === 'Etc/UTC';
}

/** Whether Intl knows this IANA time zone name (fixed offsets such as "+02:00" are not IANA names). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '' || /^[+-]/.test(timeZone)) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock milliseconds of an instant in a zone. */
export function toWall(timeZone: string, instant: number): number {
  if (isUtc(timeZone)) return instant;
  const seconds = Math.floor(instant / 1000) * 1000;
  const fields: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(seconds))) fields[part.type] = part.value;
  let year = Number(fields.year);
  if (fields.era === 'BC' || fields.era === 'B') year = 1 - year;
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  d.setUTCHours(Number(fields.hour), Number(fields.minute), Number(fields.second));
  return d.getTime() + (instant - seconds);
}

/** UTC offset (wall - instant) in milliseconds at an instant. */
export function offsetAt(timeZone: string, instant: number): number {
  return toWall(timeZone, instant) - instant;
}

/**
 * Every instant whose wall clock in the zone reads `wall`, earliest first: none inside a
 * spring-forward gap, two inside a fall-back overlap, one otherwise.
 */
export function wallToInstants(timeZone: string, wall: number): number[] {
  if (isUtc(timeZone)) return [wall];
  const offsets = new Set([offsetAt(timeZone, wall - 36 * HOUR), offsetAt(timeZone, wall), offsetAt(timeZone, wall + 36 * HOUR)]);
  const out = new Set<number>();
  for (const offset of offsets) {
    const instant = wall - offset;
    if (offsetAt(timeZone, instant) === offset) out.add(instant);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * One instant for a wall time, the way java.time and Temporal's 'compatible' mode do: the
 * earlier one in an overlap; in a gap, shifted forward by the gap's length (02:30 on a
 * spring-forward night in New York becomes 03:30 EDT).
 */
export function wallToInstantCompatible(timeZone: string, wall: number): number {
  const instants = wallToInstants(timeZone, wall);
  if (instants.length > 0) return instants[0]!;
  const before = offsetAt(timeZone, wall - 36 * HOUR);
  return wall - before;
}
