import { useEffect, useState } from 'react';
import { client, errorFields, errorMessage, nativeFolderPicker } from '../../api/index.js';
import { formatSize, useHistory, type HistoryStats } from '../../store/history.js';
import { useResources } from '../../store/resources.js';
import { useUi } from '../../store/ui.js';
import { Dialog } from '../common/dialog.js';
import { DialogFooter } from '../common/dialog-footer.js';
import { Field } from '../common/field.js';
import { AwsTargetSettings } from './aws-target-settings.js';

/**
 * Machine-local workspace settings (.faaslab/settings.json, not template.yaml): how much shorter
 * the async retry delays are, and which folder each bucket is bound to.
 */
export function WorkspaceSettingsDialog() {
  const close = useUi((s) => s.closeDialog);
  const buckets = useResources((s) => s.buckets);
  const [loaded, setLoaded] = useState(false);
  const [scale, setScale] = useState('');
  const [folders, setFolders] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const pick = nativeFolderPicker();

  useEffect(() => {
    let live = true;
    client.call('settings.get').then(
      (s) => {
        if (!live) return;
        setScale(s.asyncRetryDelayScale === undefined ? '' : String(s.asyncRetryDelayScale));
        setFolders(s.bucketFolders ?? {});
        setLoaded(true);
      },
      (e) => live && (setError(errorMessage(e)), setLoaded(true)),
    );
    return () => void (live = false);
  }, []);

  const scaleNumber = scale.trim() === '' ? null : Number(scale);
  const scaleError = scaleNumber !== null && !(Number.isFinite(scaleNumber) && scaleNumber > 0 && scaleNumber <= 1) ? 'A number more than 0 and at most 1' : fields.asyncRetryDelayScale;

  const save = async () => {
    if (busy || (scaleNumber !== null && !!scaleError && !fields.asyncRetryDelayScale)) return;
    setBusy(true);
    setFields({});
    setError(undefined);
    try {
      const bucketFolders = Object.fromEntries(
        Object.entries(folders)
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => [k, v.trim()]),
      );
      await client.call('settings.update', { settings: { asyncRetryDelayScale: scaleNumber, bucketFolders } });
      useUi.getState().toast('success', 'Workspace settings saved');
      close();
    } catch (e) {
      const f = errorFields(e);
      if (f && Object.keys(f).length) setFields(f);
      else setError(errorMessage(e));
      setBusy(false);
    }
  };

  const delays = scaleNumber && !scaleError ? ` Now: ${fmtSeconds(60 * scaleNumber)} and ${fmtSeconds(120 * scaleNumber)}.` : '';

  return (
    <Dialog
      title="Workspace settings"
      testId="workspace-settings"
      onClose={close}
      width={560}
      footer={<DialogFooter onCancel={close} onSubmit={() => void save()} submitLabel={busy ? 'Saving…' : 'Save'} submitTestId="settings-save" disabled={!loaded || busy} />}
    >
      <form onSubmit={(e) => (e.preventDefault(), void save())}>
        <p className="field-hint">Kept on this machine in .faaslab/settings.json, not in template.yaml.</p>
        <Field
          label="Async retry delay scale"
          htmlFor="settings-retry-scale"
          name="asyncRetryDelayScale"
          error={scaleError}
          hint={`Lambda waits 1 and 2 minutes before retrying a failed Event invocation; 0.01 makes it 0.6 and 1.2 s. Empty: Lambda's delays.${delays}`}
        >
          <input
            id="settings-retry-scale"
            data-testid="settings-retry-scale"
            inputMode="decimal"
            placeholder="1"
            value={scale}
            aria-invalid={!!scaleError}
            onChange={(e) => (setScale(e.target.value), setFields(({ asyncRetryDelayScale: _, ...rest }) => rest))}
          />
        </Field>
        {buckets.length > 0 && <h3 className="dialog-subtitle">Bucket folders</h3>}
        {buckets.map((b) => {
          const field = `bucketFolders.${b.logicalId}`;
          return (
            <Field
              key={b.logicalId}
              label={
                <>
                  {b.logicalId} <span className="muted">({b.bucketName})</span>
                </>
              }
              htmlFor={`settings-bucket-${b.logicalId}`}
              name={field}
              error={fields[field]}
              hint={`An absolute path on the machine running the host; empty: .faaslab/buckets/${b.bucketName}/. Files dropped there are objects of the bucket.`}
            >
              <div className="input-row">
                <input
                  id={`settings-bucket-${b.logicalId}`}
                  data-testid={`settings-bucket-${b.logicalId}`}
                  value={folders[b.logicalId] ?? ''}
                  placeholder={`.faaslab/buckets/${b.bucketName}/`}
                  spellCheck={false}
                  aria-invalid={!!fields[field]}
                  onChange={(e) => setFolders({ ...folders, [b.logicalId]: e.target.value })}
                />
                {pick && (
                  <button type="button" className="btn" onClick={() => void pick().then((d) => d && setFolders((f) => ({ ...f, [b.logicalId]: d })))}>
                    Browse…
                  </button>
                )}
              </div>
            </Field>
          );
        })}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <AwsTargetSettings />
      <HistoryRetention />
    </Dialog>
  );
}

const POSITIVE_INT = /^[1-9][0-9]*$/;

/** Stored invocations (history.stats) and how long they are kept (history.setRetention). */
function HistoryRetention() {
  const [stats, setStats] = useState<HistoryStats>();
  const [maxCount, setMaxCount] = useState('');
  const [maxAge, setMaxAge] = useState('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  const refresh = (live: () => boolean = () => true) =>
    client.call('history.stats').then(
      (s) => {
        if (!live()) return;
        setStats(s);
        setMaxCount((v) => v || String(s.retention.maxCount));
        setMaxAge((v) => v || String(s.retention.maxAgeDays));
      },
      (e) => live() && setError(errorMessage(e)),
    );

  useEffect(() => {
    let live = true;
    void refresh(() => live);
    return () => void (live = false);
  }, []);

  const countError = maxCount.trim() !== '' && !POSITIVE_INT.test(maxCount.trim()) ? 'A whole number, 1 or more' : fields.maxCount;
  const ageError = maxAge.trim() !== '' && !POSITIVE_INT.test(maxAge.trim()) ? 'A whole number of days, 1 or more' : fields.maxAgeDays;
  const localInvalid = (maxCount.trim() !== '' && !POSITIVE_INT.test(maxCount.trim())) || (maxAge.trim() !== '' && !POSITIVE_INT.test(maxAge.trim()));

  const save = async () => {
    if (busy || localInvalid) return;
    const input = {
      ...(maxCount.trim() ? { maxCount: Number(maxCount.trim()) } : {}),
      ...(maxAge.trim() ? { maxAgeDays: Number(maxAge.trim()) } : {}),
    };
    if (!Object.keys(input).length) return;
    setBusy(true);
    setFields({});
    setError(undefined);
    try {
      const r = await client.call('history.setRetention', input);
      setMaxCount(String(r.maxCount));
      setMaxAge(String(r.maxAgeDays));
      useUi.getState().toast('success', 'History retention saved');
      await refresh();
      void useHistory.getState().refreshStats();
    } catch (e) {
      const f = errorFields(e);
      if (f && Object.keys(f).length) setFields(f);
      else setError(errorMessage(e));
    }
    setBusy(false);
  };

  return (
    <form className="settings-history" data-testid="settings-history" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h3 className="dialog-subtitle">History</h3>
      <p className="field-hint">
        <span data-testid="history-stats-count">{stats ? `${stats.count.toLocaleString('en-US')} stored invocation${stats.count === 1 ? '' : 's'}` : '…'}</span>
        {' · '}
        <span data-testid="history-stats-size">{stats ? `${formatSize(stats.sizeBytes)} on disk` : '…'}</span>
        {stats?.oldest && stats.newest && (
          <span data-testid="history-stats-range">
            {' · '}
            {new Date(stats.oldest).toLocaleString()} to {new Date(stats.newest).toLocaleString()}
          </span>
        )}
      </p>
      <Field label="Keep at most N invocations" htmlFor="retention-max-count" name="maxCount" error={countError}>
        <input
          id="retention-max-count"
          data-testid="retention-max-count"
          inputMode="numeric"
          value={maxCount}
          aria-invalid={!!countError}
          onChange={(e) => (setMaxCount(e.target.value), setFields(({ maxCount: _, ...rest }) => rest))}
        />
      </Field>
      <Field label="Keep for D days" htmlFor="retention-max-age" name="maxAgeDays" error={ageError} hint="Older or surplus invocations are dropped from the history.">
        <input
          id="retention-max-age"
          data-testid="retention-max-age"
          inputMode="numeric"
          value={maxAge}
          aria-invalid={!!ageError}
          onChange={(e) => (setMaxAge(e.target.value), setFields(({ maxAgeDays: _, ...rest }) => rest))}
        />
      </Field>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-small" data-testid="retention-save" disabled={!stats || busy || localInvalid}>
        {busy ? 'Saving…' : 'Save retention'}
      </button>
    </form>
  );
}

function fmtSeconds(s: number): string {
  return s >= 1 ? `${Number(s.toFixed(2))} s` : `${Number((s * 1000).toFixed(1))} ms`;
}
