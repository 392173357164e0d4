import { useEffect, useState } from 'react';
import type { AwsTarget } from '../../../../shared/domain/aws-call.js';
import { client, errorFields, errorMessage } from '../../api/index.js';
import { useUi } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { Field } from '../common/field.js';

type Choice = 'default' | 'local' | 'aws';
interface Row {
  choice: Choice;
  profile: string;
  region: string;
}

const DEFAULT_ROW: Row = { choice: 'local', profile: 'default', region: 'us-east-1' };

function rowOf(target: AwsTarget | undefined, none: Choice): Row {
  if (!target) return { ...DEFAULT_ROW, choice: none };
  return target.mode === 'aws' ? { choice: 'aws', profile: target.profile, region: target.region } : { ...DEFAULT_ROW, choice: 'local' };
}

function targetOf(row: Row): AwsTarget | undefined {
  if (row.choice === 'default') return undefined;
  return row.choice === 'local' ? { mode: 'local' } : { mode: 'aws', profile: row.profile.trim(), region: row.region.trim() };
}

/**
 * Where functions' AWS SDK calls go (settings.awsTargets): faaslab's local services, or a real
 * account through a profile of the user's AWS config. Only the profile's name is kept; its
 * credentials are read from ~/.aws when an environment starts, as `sam local` does.
 */
export function AwsTargetSettings() {
  const functions = useWorkspace((s) => s.info?.functions ?? []);
  const [all, setAll] = useState<Row>(DEFAULT_ROW);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    client.call('settings.get').then(
      (s) => {
        if (!live) return;
        setAll(rowOf(s.awsTargets?.default, 'local'));
        setRows(Object.fromEntries(Object.entries(s.awsTargets?.functions ?? {}).map(([id, t]) => [id, rowOf(t, 'default')])));
        setLoaded(true);
      },
      (e) => live && (setError(errorMessage(e)), setLoaded(true)),
    );
    return () => void (live = false);
  }, []);

  const save = async () => {
    setBusy(true);
    setFields({});
    setError(undefined);
    const perFunction = Object.entries(rows).flatMap(([id, row]) => {
      const t = targetOf(row);
      return t ? [[id, t] as const] : [];
    });
    try {
      await client.call('settings.update', { settings: { awsTargets: { default: targetOf(all) ?? { mode: 'local' }, functions: Object.fromEntries(perFunction) } } });
      useUi.getState().toast('success', 'AWS targets saved: the functions concerned start new environments');
    } catch (e) {
      const f = errorFields(e);
      if (f && Object.keys(f).length) setFields(f);
      else setError(errorMessage(e));
    }
    setBusy(false);
  };

  const fieldError = (prefix: string) => Object.entries(fields).find(([k]) => k.includes(prefix))?.[1];

  return (
    <form className="settings-aws" data-testid="settings-aws" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h3 className="dialog-subtitle">AWS calls</h3>
      <p className="field-hint">
        Where functions&apos; AWS SDK calls go: the local services (buckets, tables, queues and topics of this workspace), or a real account with a profile of your AWS config. Only the profile&apos;s
        name is kept; its credentials are read from ~/.aws when an environment starts.
      </p>
      <TargetRow testId="aws-target-default" label="Every function" row={all} choices={['local', 'aws']} error={fieldError('awsTargets.default')} onChange={setAll} />
      {functions.map((f) => (
        <TargetRow
          key={f.logicalId}
          testId={`aws-target-${f.logicalId}`}
          label={f.logicalId}
          row={rows[f.logicalId] ?? { ...DEFAULT_ROW, choice: 'default' }}
          choices={['default', 'local', 'aws']}
          error={fieldError(`awsTargets.functions.${f.logicalId}`)}
          onChange={(row) => setRows((r) => ({ ...r, [f.logicalId]: row }))}
        />
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-small" data-testid="aws-target-save" disabled={!loaded || busy}>
        {busy ? 'Saving…' : 'Save AWS targets'}
      </button>
    </form>
  );
}

const CHOICE_LABELS: Record<Choice, string> = { default: 'As every function', local: 'Local services', aws: 'Real AWS' };

function TargetRow({ testId, label, row, choices, error, onChange }: { testId: string; label: string; row: Row; choices: Choice[]; error?: string; onChange(row: Row): void }) {
  return (
    <Field label={label} htmlFor={`${testId}-mode`} name={testId} error={error} className="aws-target-row" testId={testId}>
      <div className="input-row">
        <select id={`${testId}-mode`} data-testid={`${testId}-mode`} value={row.choice} onChange={(e) => onChange({ ...row, choice: e.target.value as Choice })}>
          {choices.map((c) => (
            <option key={c} value={c}>
              {CHOICE_LABELS[c]}
            </option>
          ))}
        </select>
        {row.choice === 'aws' && (
          <>
            <input
              aria-label={`${label}: AWS profile`}
              data-testid={`${testId}-profile`}
              value={row.profile}
              placeholder="profile"
              spellCheck={false}
              onChange={(e) => onChange({ ...row, profile: e.target.value })}
            />
            <input
              aria-label={`${label}: region`}
              data-testid={`${testId}-region`}
              value={row.region}
              placeholder="us-east-1"
              spellCheck={false}
              onChange={(e) => onChange({ ...row, region: e.target.value })}
            />
          </>
        )}
      </div>
    </Field>
  );
}
