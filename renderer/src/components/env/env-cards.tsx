import { MOD } from '../../lib/platform.js';
import { Icon } from '../common/icons.js';
import { EnvMeter } from './env-meter.js';
import { EnvTable } from './env-table.js';
import type { EnvMessage, EnvScope } from './use-env-scope.js';

/** The scope's variables in template.yaml: size meter, table, message, Revert and Save. */
export function VariablesCard({ logicalId, env }: { logicalId: string; env: EnvScope }) {
  const { isGlobals, loaded, busy, message, setMessage, variables: v } = env;
  return (
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
      <EnvMeter bytes={v.bytes} inherited={v.inherited} />
      {loaded ? <EnvTable rows={v.rows} errors={v.errors} onChange={(r) => (v.setRows(r), setMessage(undefined))} testPrefix="env" disabled={busy} /> : <p className="env-empty">Loading…</p>}
      <div className="form-actions">
        {message && <EnvMessageNote message={message} />}
        <span className="spacer" />
        <button type="button" className="btn" data-testid="env-revert" disabled={!v.dirty || busy} onClick={v.revert}>
          Revert
        </button>
        <button type="button" className="btn btn-primary" data-testid="env-save" disabled={!v.dirty || !v.valid || busy} title={`Save (${MOD}S)`} onClick={() => void v.save()}>
          Save
        </button>
      </div>
    </section>
  );
}

function EnvMessageNote({ message }: { message: EnvMessage }) {
  return (
    <p className={message.kind === 'error' ? 'form-error' : message.kind === 'warn' ? 'warn-note' : 'saved-note'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="env-message">
      {message.kind === 'success' && <Icon name="check" size={14} />}
      {message.kind === 'warn' && <Icon name="warning" size={14} />}
      {message.text}
    </p>
  );
}

/** The scope's local overrides in env.json: used on this machine only, never deployed. */
export function OverridesCard({ env }: { env: EnvScope }) {
  const { loaded, busy, overrides: o } = env;
  return (
    <section className="card">
      <h3 className="card-title">Local overrides</h3>
      <p className="card-subtitle">
        Used only when functions run on this machine. Kept in <code>env.json</code>, SAM's <code>--env-vars</code> file (works with <code>sam local invoke</code> too) — never written into
        template.yaml, never deployed.
      </p>
      {loaded && <EnvTable rows={o.rows} errors={o.errors} onChange={o.setRows} testPrefix="env-override" disabled={busy} />}
      <div className="form-actions">
        <span className="spacer" />
        <button type="button" className="btn" data-testid="env-override-save" disabled={!o.dirty || !o.valid || busy} onClick={() => void o.save()}>
          Save overrides
        </button>
      </div>
    </section>
  );
}
