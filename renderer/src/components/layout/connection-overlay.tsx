import { client } from '../../api/index.js';
import { useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';
import { useCountdown } from './status-bar.js';

/**
 * Before the host ever answered: a full-window state (there is nothing to show without it).
 * After a drop: a banner over the workbench, which stays readable while we reconnect.
 */
export function ConnectionOverlay() {
  const connection = useWorkspace((s) => s.connection);
  const loadError = useWorkspace((s) => s.loadError);
  const hasInfo = useWorkspace((s) => s.info !== null);
  const seconds = useCountdown(connection.kind === 'retrying' ? connection.retryAt : undefined);

  if (connection.kind === 'retrying' && connection.everConnected) {
    return (
      <div className="connection-banner" role="alert" data-testid="connection-banner">
        <Icon name="warning" size={14} />
        <span>
          Lost the connection to the faaslab host — reconnecting{seconds ? ` in ${seconds} s.` : '…'} Unsaved edits stay here.
          {connection.attempt >= 3 && ' Restarted the host? Open the new URL it printed: each start has a new token.'}
        </span>
        <button type="button" className="btn btn-small" onClick={() => client.retryNow()}>
          Retry now
        </button>
      </div>
    );
  }
  if (connection.kind === 'open' && (hasInfo || !loadError)) return null;
  if (connection.kind === 'open' && loadError) {
    return (
      <div className="connection-screen" data-testid="connection-screen" data-state="error">
        <div className="connection-card">
          <h1>The host could not open the workspace</h1>
          <p className="muted">{loadError}</p>
          <button type="button" className="btn btn-primary" onClick={() => void useWorkspace.getState().load()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  const retrying = connection.kind === 'retrying';
  return (
    <div className="connection-screen" data-testid="connection-screen" data-state={connection.kind}>
      <div className="connection-card">
        <span className="brand-mark brand-mark-large" aria-hidden="true">
          <Icon name="lambda" size={28} />
        </span>
        {retrying ? (
          <>
            <h1>Cannot reach the faaslab host — retrying…</h1>
            <p className="muted">
              Attempt {connection.attempt}
              {seconds > 0 ? `, next in ${seconds} s` : ''}. The host runs your functions; start it with <code>npx faaslab ui --browser</code> and open the URL it prints (with its token).
            </p>
            <button type="button" className="btn btn-primary" data-testid="connection-retry" onClick={() => client.retryNow()}>
              <Icon name="refresh" size={14} /> Retry now
            </button>
          </>
        ) : (
          <>
            <h1>Connecting to the faaslab host…</h1>
            <span className="spinner spinner-large" aria-hidden="true" />
          </>
        )}
      </div>
    </div>
  );
}
