import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { environmentSize } from '../../../../shared/lambda/environment-variables.js';
import { client, errorFields, errorMessage } from '../../api/index.js';
import { formatDotenv, parseDotenv } from '../../../../shared/lambda/dotenv.js';
import { downloadText } from '../../lib/download.js';
import { registerSaveHandler } from '../../lib/save-handlers.js';
import { peekDraft, useKeepDraft } from '../../store/drafts.js';
import { useUi } from '../../store/ui.js';
import { Icon } from '../common/icons.js';
import { MOD } from '../../lib/platform.js';
import { EnvMeter } from './env-meter.js';
import { mergeRows, rowErrors, sameVariables, toRows, toVariables, type Row } from './env-rows.js';
import { EnvTable } from './env-table.js';

interface Loaded {
  variables: Record<string, string>;
  overrides: Record<string, string>;
  globals: Record<string, string>;
}

/** What survives leaving the tab with unsaved rows (see store/drafts.ts). */
interface Stash {
  loaded: Loaded;
  rows: Row[];
  overrideRows: Row[];
}

export function EnvTab({ fn }: { fn: FunctionSummary }) {
  const [scope, setScope] = useState<string>(fn.logicalId);
  useEffect(() => setScope(fn.logicalId), [fn.logicalId]);
  return <EnvScopeEditor key={scope} scope={scope} logicalId={fn.logicalId} onScope={setScope} />;
}

function EnvScopeEditor({ scope, logicalId, onScope }: { scope: string; logicalId: string; onScope(scope: string): void }) {
  const [restored] = useState(() => peekDraft<Stash>(`env:${scope}`));
  const [loaded, setLoaded] = useState<Loaded | undefined>(restored?.loaded);
  const [rows, setRows] = useState<Row[]>(restored?.rows ?? []);
  const [overrideRows, setOverrideRows] = useState<Row[]>(restored?.overrideRows ?? []);
  const [hostFields, setHostFields] = useState<Record<string, string>>({});
  const [overrideFields, setOverrideFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'warn' | 'success'; text: string }>();
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const isGlobals = scope === 'Globals';

  const load = useCallback(async () => {
    try {
      const [own, globals] = await Promise.all([client.call('env.get', { scope }), isGlobals ? undefined : client.call('env.get', { scope: 'Globals' })]);
      setLoaded({ ...own, globals: globals?.variables ?? {} });
      setRows(toRows(own.variables));
      setOverrideRows(toRows(own.overrides));
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not read the variables: ${errorMessage(e)}` });
    }
  }, [scope, isGlobals]);
  useEffect(() => {
    if (!restored) void load();
  }, [load, restored]);

  const variables = useMemo(() => toVariables(rows), [rows]);
  const overrides = useMemo(() => toVariables(overrideRows), [overrideRows]);
  const errors = useMemo(() => rowErrors(rows, hostFields), [rows, hostFields]);
  const overrideErrors = useMemo(() => rowErrors(overrideRows, overrideFields), [overrideRows, overrideFields]);
  const inherited = isGlobals || !loaded ? 0 : environmentSize(Object.fromEntries(Object.entries(loaded.globals).filter(([k]) => !(k in variables))));
  const bytes = environmentSize(variables) + inherited;
  const dirty = !!loaded && !sameVariables(variables, loaded.variables);
  const overridesDirty = !!loaded && !sameVariables(overrides, loaded.overrides);
  const valid = Object.keys(errors).length === 0;
  // Unsaved rows survive a look at another tab, function or scope.
  useKeepDraft<Stash>(`env:${scope}`, loaded && (dirty || overridesDirty) ? { loaded, rows, overrideRows } : undefined);

  const save = useCallback(async () => {
    if (!dirty || !valid || busy) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await client.call('env.set', { scope, variables });
      setLoaded((l) => l && { ...l, variables: result.variables });
      setRows(toRows(result.variables));
      setHostFields({});
      setMessage({ kind: 'success', text: 'Saved to template.yaml' });
    } catch (e) {
      setHostFields(errorFields(e));
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }, [dirty, valid, busy, scope, variables]);

  const saveOverrides = async () => {
    if (!overridesDirty || Object.keys(overrideErrors).length || busy) return;
    setBusy(true);
    try {
      const result = await client.call('env.setOverrides', { scope, overrides });
      setLoaded((l) => l && { ...l, overrides: result.overrides });
      setOverrideRows(toRows(result.overrides));
      setOverrideFields({});
      useUi.getState().toast('success', 'Saved local overrides to env.json');
    } catch (e) {
      setOverrideFields(errorFields(e));
      useUi.getState().toast('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => registerSaveHandler('env', () => void save()), [save]);

  const importFile = async (file: File) => {
    const { variables: imported, errors: problems } = parseDotenv(await file.text());
    const count = Object.keys(imported).length;
    setRows((r) => mergeRows(r, imported));
    const skipped = problems.length ? `; skipped ${problems.map((p) => `line ${p.line} (${p.message})`).join(', ')}` : '';
    setMessage({ kind: !count ? 'error' : problems.length ? 'warn' : 'success', text: `Imported ${count} variable${count === 1 ? '' : 's'} from ${file.name}${skipped}. Review, then Save.` });
  };

  const exportFile = () => downloadText(`${scope}.env`, formatDotenv(variables));

  return (
    <div className="env-tab tab-scroll">
      <div className="env-toolbar">
        <label className="inline-label" htmlFor="env-scope">
          Scope
        </label>
        <select id="env-scope" data-testid="env-scope" value={scope} onChange={(e) => onScope(e.target.value)}>
          <option value={logicalId}>{logicalId}</option>
          <option value="Globals">Globals (every function)</option>
        </select>
        <span className="spacer" />
        <input
          ref={fileInput}
          type="file"
          accept=".env,text/plain"
          hidden
          data-testid="env-import-input"
          onChange={(e) => (e.target.files?.[0] && void importFile(e.target.files[0]), (e.target.value = ''))}
        />
        <button type="button" className="btn btn-small" data-testid="env-import" onClick={() => fileInput.current?.click()}>
          <Icon name="upload" size={14} /> Import .env
        </button>
        <button type="button" className="btn btn-small" data-testid="env-export" onClick={exportFile}>
          <Icon name="download" size={14} /> Export .env
        </button>
      </div>

      <section className="card">
        <h3 className="card-title">Variables</h3>
        <p className="card-subtitle">
          {isGlobals ? (
            <>
              Written to <code>Globals.Function.Environment.Variables</code> in template.yaml; every function gets them, and its own variables win.
            </>
          ) : (
            <>
              Written to <code>{logicalId}</code>'s <code>Environment.Variables</code> in template.yaml; deployed with the function.
            </>
          )}
        </p>
        <EnvMeter bytes={bytes} inherited={inherited} />
        {loaded ? <EnvTable rows={rows} errors={errors} onChange={(r) => (setRows(r), setMessage(undefined))} testPrefix="env" disabled={busy} /> : <p className="env-empty">Loading…</p>}
        <div className="form-actions">
          {message && (
            <p
              className={message.kind === 'error' ? 'form-error' : message.kind === 'warn' ? 'warn-note' : 'saved-note'}
              role={message.kind === 'error' ? 'alert' : 'status'}
              data-testid="env-message"
            >
              {message.kind === 'success' && <Icon name="check" size={14} />}
              {message.kind === 'warn' && <Icon name="warning" size={14} />}
              {message.text}
            </p>
          )}
          <span className="spacer" />
          <button
            type="button"
            className="btn"
            data-testid="env-revert"
            disabled={!dirty || busy}
            onClick={() => loaded && (setRows(toRows(loaded.variables)), setHostFields({}), setMessage(undefined))}
          >
            Revert
          </button>
          <button type="button" className="btn btn-primary" data-testid="env-save" disabled={!dirty || !valid || busy} title={`Save (${MOD}S)`} onClick={() => void save()}>
            Save
          </button>
        </div>
      </section>

      <section className="card">
        <h3 className="card-title">Local overrides</h3>
        <p className="card-subtitle">
          Used only when functions run on this machine. Kept in <code>env.json</code>, SAM's <code>--env-vars</code> file (works with <code>sam local invoke</code> too) — never written into
          template.yaml, never deployed.
        </p>
        {loaded && <EnvTable rows={overrideRows} errors={overrideErrors} onChange={setOverrideRows} testPrefix="env-override" disabled={busy} />}
        <div className="form-actions">
          <span className="spacer" />
          <button type="button" className="btn" data-testid="env-override-save" disabled={!overridesDirty || Object.keys(overrideErrors).length > 0 || busy} onClick={() => void saveOverrides()}>
            Save overrides
          </button>
        </div>
      </section>
    </div>
  );
}
