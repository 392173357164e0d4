import { useEffect, useState } from 'react';
import { INVOCATION_STATUSES } from '../../../../shared/testing/expectation.js';
import { EMPTY_FORM, expectationOf, formFromRecord, formOf, type ExpectForm, type ExpectMode } from '../../lib/expectation-form.js';
import { useExpectations } from '../../store/test-expectations.js';
import { selectDraft, selectResult, useTest } from '../../store/test-events.js';
import { Icon } from '../common/icons.js';

/** The expected result of the selected saved event (events/<name>.expect.json), and the function's regression run. */
export function ExpectationPanel({ logicalId }: { logicalId: string }) {
  const draft = useTest(selectDraft(logicalId));
  const events = useTest((s) => s.events);
  const last = useTest(selectResult(logicalId))?.record;
  const run = useExpectations((s) => s.runs[logicalId]);
  const selected = draft?.selected ? events.find((e) => e.name === draft.selected) : undefined;
  const [form, setForm] = useState<ExpectForm>(EMPTY_FORM);
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState(false);

  // Another event selected, or its expectation saved: show what is on disk.
  const stored = selected?.expectation;
  useEffect(() => {
    setForm(formOf(stored));
    setError(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- by value: a reloaded but equal expectation keeps the edits
  }, [selected?.name, JSON.stringify(stored)]);
  // Collapsed unless the selected event already has an expectation (or a file that fails to load).
  useEffect(() => {
    setOpen(!!stored || !!selected?.expectationError);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new selection or an expectation added or removed reopens or folds it
  }, [selected?.name, !!stored]);

  const patch = (p: Partial<ExpectForm>) => {
    setForm((f) => ({ ...f, ...p }));
    setError(undefined);
  };
  const save = async () => {
    if (!selected) return;
    const built = expectationOf(form, logicalId, stored?.description);
    if ('error' in built) return setError(built.error);
    await useExpectations.getState().save(selected.name, built.expectation);
  };

  const summary = run?.output && (
    <span data-testid="tests-summary" className={run.output.failed > 0 ? 'test-fail' : run.output.results.length ? 'test-pass' : 'muted'}>
      {run.output.results.length === 0 ? 'No saved event of this function has an expected result.' : `${run.output.passed} passed, ${run.output.failed} failed`}
    </span>
  );
  const runButton = (
    <button
      type="button"
      className="btn btn-small expectation-run"
      data-testid="tests-run"
      disabled={run?.running}
      onClick={() => {
        setOpen(true);
        void useExpectations.getState().runTests(logicalId);
      }}
    >
      <Icon name="play" size={12} /> {run?.running ? 'Running tests…' : 'Run tests'}
    </button>
  );

  return (
    <section className={`expectation-panel ${open ? 'is-open' : ''}`} data-testid="expectation-panel" aria-label="Expected result">
      <header className="expectation-header">
        <button type="button" className="expectation-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} /> Expected result
          {selected && (stored ? <span className="expectation-badge">set</span> : <span className="muted expectation-hint">none for “{selected.name}”</span>)}
        </button>
        <span className="spacer" />
        {!open && summary}
      </header>
      {open && (
        <div className="expectation-body">
          {selected ? (
            <div className="expectation-form">
              {selected.expectationError && (
                <p className="field-error">
                  events/{selected.name}.expect.json: {selected.expectationError}
                </p>
              )}
              <div className="expectation-fields">
                <select
                  className="select-small"
                  data-testid="expect-status"
                  aria-label="Expected status"
                  value={form.status}
                  onChange={(e) => patch({ status: e.target.value as ExpectForm['status'] })}
                >
                  {INVOCATION_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
                <select className="select-small" data-testid="expect-mode" aria-label="How to compare the response" value={form.mode} onChange={(e) => patch({ mode: e.target.value as ExpectMode })}>
                  <option value="exact">Exact response</option>
                  <option value="contains">Response contains</option>
                  <option value="status">Status only</option>
                </select>
                {form.status === 'error' && (
                  <input className="input-small" aria-label="Expected error type" placeholder="Error type (optional)" value={form.errorType} onChange={(e) => patch({ errorType: e.target.value })} />
                )}
              </div>
              {form.mode !== 'status' && (
                <textarea
                  data-testid="expect-value"
                  aria-label="Expected response (JSON)"
                  className="expectation-value"
                  spellCheck={false}
                  rows={4}
                  value={form.value}
                  placeholder={form.mode === 'exact' ? 'The exact response, as JSON' : 'A part of the response, as JSON: objects by the keys given, arrays by index'}
                  onChange={(e) => patch({ value: e.target.value })}
                />
              )}
              {error && (
                <p className="field-error" data-testid="expect-error">
                  {error}
                </p>
              )}
            </div>
          ) : (
            <p className="muted expectation-empty">Save the event to give it an expected result.</p>
          )}
          <div className="expectation-actions">
            {selected && (
              <>
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="expect-from-last"
                  disabled={!last}
                  title="Fill from the last invocation's result"
                  onClick={() => last && patch(formFromRecord(form, last))}
                >
                  From last result
                </button>
                <button type="button" className="btn btn-small" data-testid="expect-save" onClick={() => void save()}>
                  Save
                </button>
                {stored && (
                  <button type="button" className="btn btn-small" data-testid="expect-remove" onClick={() => void useExpectations.getState().save(selected.name, null)}>
                    Remove
                  </button>
                )}
              </>
            )}
            {runButton}
          </div>
          {(summary || run?.error) && (
            <div className="expectation-summary">
              {summary}
              {run?.error && <span className="field-error">{run.error}</span>}
            </div>
          )}
          {run?.output && run.output.results.length > 0 && (
            <ul className="test-results">
              {run.output.results.map((r) => (
                <li key={r.event} data-testid={`test-result-${r.event}`} data-pass={String(r.pass)} className={r.pass ? 'test-pass' : 'test-fail'}>
                  <span className="test-result-line">
                    {r.pass ? '✓' : '✗'} {r.event} <span className="muted">{r.status === 'not-run' ? 'not run' : `${Math.round(r.durationMs)} ms`}</span>
                  </span>
                  {r.failures.length > 0 && (
                    <ul>
                      {r.failures.map((f, i) => (
                        <li key={i}>{f}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
