import { useEffect, useMemo, useState } from 'react';
import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { formatElapsed } from '../../lib/format.js';
import { selectDirtyCount, useEditor } from '../../store/editor.js';
import { selectDraft, selectResult, selectRun, useTest, type InvokeType } from '../../store/test-events.js';
import { useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';
import { MOD } from '../../lib/platform.js';
import { EventEditor } from './event-editor.js';
import { EventList } from './event-list.js';
import { ExpectationPanel } from './expectation-panel.js';
import { InvokeResult } from './invoke-result.js';

const EVENT_NAME = /^[\w .-]{1,100}$/;

export function TestTab({ fn }: { fn: FunctionSummary }) {
  const { logicalId } = fn;
  const result = useTest(selectResult(logicalId));
  const run = useTest(selectRun(logicalId));
  const offline = useWorkspace((s) => s.connection.kind !== 'open');
  useEffect(() => useTest.getState().ensureDraft(logicalId), [logicalId]);

  return (
    <div className="test-tab">
      <div className="test-event">
        <EventList logicalId={logicalId} />
        <div className="event-pane">
          <EventToolbar logicalId={logicalId} />
          <div className="event-editor-host">
            <EventEditor logicalId={logicalId} />
          </div>
          <InvokeBar fn={fn} />
          <ExpectationPanel logicalId={logicalId} />
        </div>
      </div>
      <div className="test-result" aria-live="polite">
        {run && !result && (
          <div className="result-placeholder">
            <span className="spinner spinner-large" aria-hidden="true" />
            <p>{offline ? `Waiting for the host: ${logicalId} runs once it is back.` : `Running ${logicalId}…`}</p>
          </div>
        )}
        {result ? (
          <div className={run ? 'is-stale' : ''}>
            <InvokeResult result={result} />
          </div>
        ) : (
          !run && (
            <div className="result-placeholder">
              <Icon name="play" size={22} />
              <p>
                Invoke the function to see its response, report and logs here. <kbd>{MOD}Enter</kbd>
              </p>
            </div>
          )
        )}
      </div>
    </div>
  );
}

function EventToolbar({ logicalId }: { logicalId: string }) {
  const draft = useTest(selectDraft(logicalId));
  const events = useTest((s) => s.events);
  const templates = useTest((s) => s.templates);
  const { setName, saveEvent, fromTemplate } = useTest.getState();
  const name = draft?.name ?? '';
  const nameError = name && !EVENT_NAME.test(name) ? 'Letters, digits, spaces, dots, dashes and underscores only' : undefined;
  const saved = events.find((e) => e.name === name);
  const unchanged = !!saved && saved.body === draft?.body;
  const byService = useMemo(() => {
    const groups = new Map<string, typeof templates>();
    for (const t of templates) groups.set(t.service, [...(groups.get(t.service) ?? []), t]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [templates]);

  const save = () => {
    if (!name || nameError) return;
    if (saved && draft?.selected !== name && !window.confirm(`An event named "${name}" exists. Replace it?`)) return;
    void saveEvent(logicalId);
  };

  return (
    <div className="event-toolbar">
      <div className={`event-name-field ${nameError ? 'field-invalid' : ''}`}>
        <input
          data-testid="event-name"
          aria-label="Event name"
          placeholder="Event name"
          value={name}
          spellCheck={false}
          onChange={(e) => setName(logicalId, e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && save()}
        />
        {nameError && (
          <p className="field-error" data-testid="field-error-eventName">
            {nameError}
          </p>
        )}
      </div>
      <button type="button" className="btn btn-small" data-testid="event-save" disabled={!name || !!nameError || unchanged} onClick={save} title="Save to events/">
        <Icon name="save" size={14} /> Save
      </button>
      <select
        className="template-select"
        data-testid="event-template-select"
        aria-label="New event from a template"
        value=""
        onChange={(e) => e.target.value && void fromTemplate(logicalId, e.target.value)}
      >
        <option value="">From a template…</option>
        {byService.map(([service, list]) => (
          <optgroup key={service} label={service}>
            {list.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function InvokeBar({ fn }: { fn: FunctionSummary }) {
  const { logicalId } = fn;
  const run = useTest(selectRun(logicalId));
  const dirtyFiles = useEditor(selectDirtyCount(logicalId));
  const { invoke, cancel } = useTest.getState();
  const elapsed = useElapsed(run?.startedAt);
  const offline = useWorkspace((s) => s.connection.kind !== 'open');
  const broken = fn.problems.length > 0;
  const invokeType = useTest((s) => s.invokeTypes[logicalId] ?? 'sync');
  return (
    <div className="invoke-bar">
      {run ? (
        <>
          <span className="running" data-testid="invoke-running">
            <span className="spinner" aria-hidden="true" /> {offline ? 'Waiting for the host…' : 'Running…'} <span data-testid="invoke-elapsed">{formatElapsed(elapsed)}</span>
            {!offline && <span className="muted"> / {fn.timeoutSeconds} s timeout</span>}
          </span>
          <span className="spacer" />
          <button type="button" className="btn btn-danger-outline" data-testid="cancel-button" disabled={run.cancelling} onClick={() => void cancel(logicalId)}>
            <Icon name="stop" size={13} /> {run.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </>
      ) : (
        <>
          {dirtyFiles > 0 && (
            <span className="unsaved-hint" data-testid="invoke-unsaved">
              <Icon name="warning" size={13} /> {dirtyFiles} unsaved file{dirtyFiles === 1 ? '' : 's'}: the invocation runs the saved code.
              <button type="button" className="link-button" onClick={() => void useEditor.getState().saveAll(logicalId)}>
                Save all
              </button>
            </span>
          )}
          <span className="spacer" />
          <select
            className="invoke-type select-small"
            data-testid="invoke-type"
            aria-label="Invocation type"
            value={invokeType}
            title="RequestResponse waits for the result; Event queues the event and retries on errors (MaximumRetryAttempts)"
            onChange={(e) => useTest.getState().setInvokeType(logicalId, e.target.value as InvokeType)}
          >
            <option value="sync">Sync</option>
            <option value="async">Async (Event)</option>
          </select>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="invoke-button"
            title={broken ? `Cannot run until fixed: ${fn.problems.join('; ')}` : `Invoke (${MOD}Enter)`}
            onClick={() => void invoke(logicalId)}
          >
            <Icon name="play" size={13} /> Invoke <kbd>{MOD}↵</kbd>
          </button>
        </>
      )}
    </div>
  );
}

function useElapsed(since: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!since) return;
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, [since]);
  return since ? Math.max(0, now - since) : 0;
}
