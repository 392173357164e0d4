import { useMemo, type ReactNode } from 'react';

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false)\b|\b(null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
/** Above this, colouring costs more than it helps: plain text. */
const MAX_HIGHLIGHT = 200_000;

/** Pretty-printed JSON with light syntax colouring, in a <pre>. */
export function JsonView({ text, testId }: { text: string; testId?: string }) {
  const nodes = useMemo(() => (text.length > MAX_HIGHLIGHT ? [text] : highlight(text)), [text]);
  return (
    <pre className="json-view" data-testid={testId}>
      {nodes}
    </pre>
  );
}

function highlight(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const [whole, str, colon, bool, nul, num] = m;
    if (str !== undefined) {
      out.push(
        <span key={i++} className={colon ? 'j-key' : 'j-str'}>
          {str}
        </span>,
      );
      if (colon) out.push(colon);
    } else if (bool !== undefined)
      out.push(
        <span key={i++} className="j-bool">
          {bool}
        </span>,
      );
    else if (nul !== undefined)
      out.push(
        <span key={i++} className="j-null">
          {nul}
        </span>,
      );
    else if (num !== undefined)
      out.push(
        <span key={i++} className="j-num">
          {num}
        </span>,
      );
    last = m.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
