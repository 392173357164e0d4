import type { LogFilter } from './use-log-filter.js';

/** The filter-pattern box; a pattern that does not parse shows a caret under where it breaks. */
export function LogFilterInput({ filter }: { filter: LogFilter }) {
  const { text, setText, parsed } = filter;
  return (
    <div className="logs-filter-wrap">
      <input
        className={`input mono logs-filter ${parsed.ok ? '' : 'is-invalid'}`}
        data-testid="logs-filter"
        placeholder='Filter: ERROR  ?WARN  -DEBUG  "a phrase"  { $.level = "ERROR" }  [ip, user, ...]'
        value={text}
        spellCheck={false}
        aria-invalid={!parsed.ok}
        onChange={(e) => setText(e.target.value)}
      />
      {!parsed.ok && (
        <div className="logs-filter-error" data-testid="logs-filter-error" role="alert">
          <pre className="logs-filter-caret">
            {text}
            {'\n'}
            {' '.repeat(parsed.error.position)}^
          </pre>
          <span>
            {parsed.error.message} (position {parsed.error.position})
          </span>
        </div>
      )}
    </div>
  );
}
