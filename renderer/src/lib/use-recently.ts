import { useEffect, useState } from 'react';

/** True for `ms` after `time` changes: for "Saved" flashes. */
export function useRecently(time: number | undefined, ms: number): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!time) return;
    setNow(Date.now());
    const t = setTimeout(() => setNow(Date.now()), ms - (Date.now() - time) + 10);
    return () => clearTimeout(t);
  }, [time, ms]);
  return !!time && now - time < ms;
}
