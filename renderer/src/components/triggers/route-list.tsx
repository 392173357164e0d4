import { useState } from 'react';
import { HostError, errorMessage } from '../../api/index.js';
import { copyText } from '../../lib/clipboard.js';
import { routeId, useTriggers, type HttpEndpoint } from '../../store/triggers.js';
import { ConfirmDialog } from '../common/confirm-dialog.js';
import { FormError } from '../common/form-error.js';
import { Icon } from '../common/icons.js';
import { CurlComposer } from './curl-composer.js';

export interface RouteView {
  endpoint: HttpEndpoint;
  /** The Events key ("FunctionUrl" for the Function URL). */
  name: string;
  /** False when `name` is a guess: the host did not say and this UI did not write it. */
  known: boolean;
}

const KIND_LABEL: Record<HttpEndpoint['kind'], string> = { 'http-api': 'HTTP API', 'rest-api': 'REST API', 'function-url': 'Function URL' };

export function RouteList({ logicalId, routes, apiUrl }: { logicalId: string; routes: RouteView[]; apiUrl: string | null }) {
  const [removing, setRemoving] = useState<string>();
  // Gone meanwhile (template.yaml edited on disk): the dialog goes with it.
  const target = removing ? routes.find((r) => r.name === removing) : undefined;
  if (routes.length === 0) {
    return <p className="trigger-empty">No HTTP routes or Function URL yet. Add a route and it is served at once, and written to template.yaml.</p>;
  }
  return (
    <>
      <ul className="route-list">
        {routes.map((r) => (
          <RouteRow key={routeId(r.endpoint)} route={r} apiUrl={apiUrl} onRemove={() => setRemoving(r.name)} />
        ))}
      </ul>
      {target && <RemoveDialog logicalId={logicalId} eventName={target.name} route={target} onClose={() => setRemoving(undefined)} />}
    </>
  );
}

function RouteRow({ route, apiUrl, onRemove }: { route: RouteView; apiUrl: string | null; onRemove(): void }) {
  const { endpoint: e, name } = route;
  const [composing, setComposing] = useState(false);
  const isUrl = e.kind === 'function-url';
  return (
    <li className="route-row" data-testid={`trigger-route-${name}`}>
      <div className="route-main">
        <span className={`method-badge method-${e.method.toLowerCase()}`}>{e.method}</span>
        <div className="route-text">
          <span className="route-path">
            <span className="mono">{isUrl ? 'Function URL' : e.path}</span>
            {!isUrl && route.known && (
              <span className="route-event" title="The key under Events in template.yaml">
                {name}
              </span>
            )}
          </span>
          <span className="route-url mono" data-testid={`trigger-url-${name}`} title={e.url}>
            {e.url}
          </span>
          <span className="route-meta">
            {KIND_LABEL[e.kind]}
            {e.apiId && !isUrl && ` · ${e.apiId}`}
            {isUrl && ' · any method, any path under it'}
          </span>
        </div>
        <span className="route-actions">
          <button type="button" className="icon-button" title="Copy the URL" aria-label={`Copy the URL of ${name}`} data-testid={`trigger-copy-${name}`} onClick={() => copyText(e.url, 'URL')}>
            <Icon name="copy" size={14} />
          </button>
          <button
            type="button"
            className={`btn btn-small btn-ghost ${composing ? 'is-active' : ''}`}
            title="Compose a request and copy it as a curl command"
            aria-expanded={composing}
            data-testid={`trigger-curl-${name}`}
            onClick={() => setComposing(!composing)}
          >
            <Icon name="terminal" size={13} /> Send request
          </button>
          {isUrl && <span className="icon-spacer" aria-hidden="true" />}
          {!isUrl && (
            <button type="button" className="icon-button" title="Remove from template.yaml" aria-label={`Remove ${name}`} data-testid={`trigger-remove-${name}`} onClick={onRemove}>
              <Icon name="trash" size={14} />
            </button>
          )}
        </span>
      </div>
      {composing && <CurlComposer endpoint={e} apiUrl={apiUrl} name={name} />}
    </li>
  );
}

function RemoveDialog({ logicalId, eventName, route, onClose }: { logicalId: string; eventName: string; route: RouteView; onClose(): void }) {
  const remove = useTriggers((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    setBusy(true);
    try {
      await remove(logicalId, eventName);
      onClose();
    } catch (e) {
      // The host does not tell the routes' event names; a guessed one may not be the template's.
      const guessed = !route.known && e instanceof HostError && e.code === 'NotFound';
      setError(guessed ? `template.yaml names the event of ${route.endpoint.method} ${route.endpoint.path} differently: remove it from ${logicalId}'s Events there.` : errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title={route.known ? `Remove ${eventName}?` : `Remove ${route.endpoint.method} ${route.endpoint.path}?`}
      testId="trigger-remove-dialog"
      onClose={onClose}
      onConfirm={() => void submit()}
      confirmLabel="Remove route"
      confirmTestId="trigger-remove-confirm"
      busy={busy}
    >
      <p>
        This deletes{' '}
        {route.known ? (
          <>
            the event <strong>{eventName}</strong>{' '}
          </>
        ) : (
          'the event of '
        )}
        <code>
          {route.endpoint.method} {route.endpoint.path}
        </code>{' '}
        from {logicalId}'s Events in template.yaml, and the route stops answering.
      </p>
      <FormError error={error} />
    </ConfirmDialog>
  );
}
