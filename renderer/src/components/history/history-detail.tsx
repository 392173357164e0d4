import { useEffect, useState } from 'react';
import { EventName } from '../../../../shared/api/schemas.js';
import { expectationOf, type ExpectMode } from '../../lib/expectation-form.js';
import { formatMs, formatUsd, prettyResponse } from '../../lib/format.js';
import { useHistory, type StoredInvocation } from '../../store/history.js';
import { useExpectations } from '../../store/test-expectations.js';
import { useTest } from '../../store/test-events.js';
import { toastError } from '../../store/ui.js';
import { client } from '../../api/index.js';
import { Dialog } from '../common/dialog.js';
import { DialogFooter } from '../common/dialog-footer.js';
import { Field } from '../common/field.js';
import { Icon } from '../common/icons.js';
import { JsonView } from '../test/json-view.js';
import { AwsCalls } from './aws-calls.js';
import { formatTime, statusClass, triggerLabel } from './history-format.js';

function prettyEvent(event: string | undefined): string {
  if (event === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(event), null, 2);
  } catch {
    return event;
  }
}

/** The drawer of one stored invocation. */
export function HistoryDetail({ requestId }: { requestId: string }) {
  const [record, setRecord] = useState<StoredInvocation | undefined>();
  const [replaying, setReplaying] = useState(false);
  const [saving, setSaving] = useState(false);
  const { openDetail, replayOne } = useHistory.getState();

  useEffect(() => {
    let live = true;
    void useHistory
      .getState()
      .get(requestId)
      .then((r) => live && setRecord(r));
    return () => {
      live = false;
    };
  }, [requestId]);

  const replay = async () => {
    setReplaying(true);
    await replayOne(requestId);
    setReplaying(false);
  };

  const init = record?.initDurationMs ?? 0;
  const total = init + (record?.durationMs ?? 0) || 1;

  return (
    <aside className="history-detail" data-testid="history-detail" aria-label="Invocation">
      <header className="history-detail-header">
        <h2>Invocation</h2>
        {record && <span className={`badge badge-small ${statusClass(record.status)}`}>{record.status}</span>}
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          data-testid="history-replay"
          disabled={!record || replaying}
          onClick={() => void replay()}
          title="Run the stored event against the current code"
        >
          <Icon name="refresh" size={12} /> {replaying ? 'Replaying…' : 'Replay'}
        </button>
        <button type="button" className="btn btn-small" data-testid="history-save-event" disabled={!record || record.event === undefined} onClick={() => setSaving(true)}>
          <Icon name="save" size={12} /> Save as test event
        </button>
        <button type="button" className="icon-button" aria-label="Close" data-testid="history-detail-close" onClick={() => openDetail(null)}>
          ×
        </button>
      </header>
      {!record ? (
        <div className="tab-message">Loading…</div>
      ) : (
        <div className="history-detail-body">
          <dl className="history-facts">
            <dt>Request</dt>
            <dd className="mono">{record.requestId}</dd>
            <dt>Function</dt>
            <dd>{record.logicalId}</dd>
            <dt>Started</dt>
            <dd className="mono">
              {new Date(record.startedAt).toLocaleDateString()} {formatTime(record.startedAt)}
            </dd>
            <dt>Trigger</dt>
            <dd data-testid="history-detail-trigger">{triggerLabel(record.trigger)}</dd>
            {record.awsTarget && (
              <>
                <dt>AWS calls to</dt>
                <dd data-testid="history-detail-aws-target">
                  real AWS, profile {record.awsTarget.profile}, {record.awsTarget.region}
                </dd>
              </>
            )}
            {record.sandbox && (
              <>
                <dt>Sandbox</dt>
                <dd data-testid="history-detail-sandbox" className={record.sandbox === 'none' ? 'is-warn' : undefined}>
                  {record.sandbox === 'none' ? 'not sandboxed: it ran with your own rights' : 'bubblewrap'}
                </dd>
              </>
            )}
            <dt>Code version</dt>
            <dd className="mono" data-testid="history-detail-code-version">
              {record.codeVersion ?? '—'}
            </dd>
            <dt>Billed</dt>
            <dd>
              {record.billedDurationMs} ms · {record.maxMemoryUsedMb}/{record.memorySizeMb} MB · {formatUsd(record.costUsd)}
            </dd>
          </dl>
          <div className="history-timeline" data-testid="history-timeline" title="Init, then invoke">
            {init > 0 && (
              <span className="timeline-init" style={{ width: `${(init / total) * 100}%` }}>
                init {formatMs(init)}
              </span>
            )}
            <span className="timeline-invoke" style={{ width: `${(record.durationMs / total) * 100}%` }}>
              invoke {formatMs(record.durationMs)}
            </span>
          </div>
          {record.awsCalls && record.awsCalls.length > 0 && (
            <>
              <h3>AWS calls ({record.awsCalls.length})</h3>
              <AwsCalls calls={record.awsCalls} startedAt={record.startedAt} initMs={init} durationMs={record.durationMs} />
            </>
          )}
          <h3>Event</h3>
          {record.event === undefined ? <p className="muted">Not stored.</p> : <JsonView text={prettyEvent(record.event)} testId="history-detail-event" />}
          {record.eventTruncated && <p className="muted text-small">The event was truncated when stored.</p>}
          <h3>{record.error ? 'Error' : 'Response'}</h3>
          {record.error ? (
            <pre className="json-view history-error" data-testid="history-detail-error">
              {record.error.errorType}: {record.error.errorMessage}
              {record.error.trace.length ? `\n${record.error.trace.join('\n')}` : ''}
            </pre>
          ) : (
            <JsonView text={prettyResponse(record.response) || 'null'} testId="history-detail-response" />
          )}
          <h3>Logs</h3>
          <pre className="json-view history-logs" data-testid="history-detail-logs">
            {record.logs.join('\n')}
          </pre>
        </div>
      )}
      {saving && record && <SaveEventDialog record={record} onClose={() => setSaving(false)} />}
    </aside>
  );
}

function SaveEventDialog({ record, onClose }: { record: StoredInvocation; onClose(): void }) {
  const hasResponse = record.response !== undefined && !record.error;
  const [name, setName] = useState('');
  const [mode, setMode] = useState<ExpectMode>(hasResponse ? 'exact' : 'status');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    const checked = EventName.safeParse(name.trim());
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? 'Invalid name');
    const built = expectationOf(
      { status: record.status, mode: hasResponse ? mode : 'status', value: hasResponse ? JSON.stringify(record.response) : '', errorType: record.error?.errorType ?? '' },
      record.logicalId,
    );
    if ('error' in built) return setError(built.error);
    setBusy(true);
    try {
      await client.call('events.save', { name: checked.data, body: prettyEvent(record.event) });
      if (await useExpectations.getState().save(checked.data, built.expectation)) {
        await useTest.getState().loadEvents();
        onClose();
      }
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Save as test event"
      testId="history-save-dialog"
      onClose={onClose}
      footer={<DialogFooter onCancel={onClose} onSubmit={() => void confirm()} submitLabel="Save" submitTestId="history-save-confirm" disabled={busy || !name.trim()} />}
    >
      <form
        className="history-save-form"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <Field label="Event name" htmlFor="history-save-name" name="eventName">
          <input id="history-save-name" data-testid="history-save-name" value={name} onChange={(e) => (setName(e.target.value), setError(undefined))} placeholder="e.g. greet" spellCheck={false} />
        </Field>
        <Field label="Expected result" htmlFor="history-save-mode" name="mode">
          <select id="history-save-mode" data-testid="history-save-mode" value={mode} onChange={(e) => setMode(e.target.value as ExpectMode)}>
            <option value="exact" disabled={!hasResponse}>
              Exactly this response
            </option>
            <option value="contains" disabled={!hasResponse}>
              Response contains this
            </option>
            <option value="status">Status only ({record.status})</option>
          </select>
        </Field>
        {error && <p className="field-error">{error}</p>}
      </form>
    </Dialog>
  );
}
