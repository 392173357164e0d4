import { useEffect, useMemo, useState } from 'react';
import { parseFilterPattern, type FilterPattern } from '../../../../shared/logs/filter-pattern.js';

/**
 * The Logs tab's filter: the text as typed (checked on every key, for the caret under an error)
 * and the last valid pattern, applied a moment after typing stops so a query is not sent per key.
 */
export function useLogFilter() {
  const [text, setText] = useState('');
  const [appliedText, setAppliedText] = useState('');
  const parsed = useMemo(() => parseFilterPattern(text), [text]);
  useEffect(() => {
    if (!parsed.ok) return;
    const t = setTimeout(() => setAppliedText(text), 250);
    return () => clearTimeout(t);
  }, [text, parsed]);
  const applied = useMemo((): FilterPattern => {
    const p = parseFilterPattern(appliedText);
    return p.ok ? p.pattern : { kind: 'all' };
  }, [appliedText]);
  return { text, setText, parsed, appliedText, applied };
}

export type LogFilter = ReturnType<typeof useLogFilter>;
