import { useEffect, useState } from 'react';
import { client } from '../../api/index.js';
import { baseName } from '../../lib/format.js';
import { copyText } from '../../lib/clipboard.js';
import { selectApiUrl, selectAwsEndpoint, selectSandbox, useTriggers } from '../../store/triggers.js';
import { useUi } from '../../store/ui.js';
import { selectEnvironmentTotals, useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';

/**
 * The Lambda Invoke API shares the host's HTTP server, so in browser mode it is this page's own
 * origin. Under Electron the renderer is not told where it listens (the contract has no method
 * for it yet), so nothing is shown rather than a guess.
 */
function invokeEndpoint(): string | undefined {
  return client.transportName === 'websocket' && /^https?:$/.test(location.protocol) ? location.origin : undefined;
}

export function StatusBar() {
  const connection = useWorkspace((s) => s.connection);
  const dir = useWorkspace((s) => s.info?.dir);
  const problems = useWorkspace((s) => s.info?.problems);
  const totals = useWorkspace(selectEnvironmentTotals);
  const [warm, busy] = totals.split('/').map(Number) as [number, number];
  const endpoint = connection.kind === 'open' ? invokeEndpoint() : undefined;
  const apiUrl = useTriggers(selectApiUrl);
  const awsEndpoint = useTriggers(selectAwsEndpoint);
  const sandbox = useTriggers(selectSandbox);
  const errors = problems?.filter((p) => p.severity === 'error').length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;

  return (
    <footer className="statusbar" data-testid="status-bar">
      <ConnectionItem />
      {dir && (
        <span className="status-item" title={dir} data-testid="status-workspace">
          <Icon name="folder" size={12} /> {baseName(dir)}
        </span>
      )}
      {problems && problems.length > 0 && (
        <span
          className={`status-item ${errors ? 'is-error' : 'is-warn'}`}
          title={problems.map((p) => `${p.severity}: ${p.logicalId ? `${p.logicalId}: ` : ''}${p.message}${p.line ? ` (line ${p.line})` : ''}`).join('\n')}
          data-testid="status-problems"
        >
          <Icon name="warning" size={12} /> {errors > 0 && `${errors} error${errors === 1 ? '' : 's'}`}
          {errors > 0 && warnings > 0 && ', '}
          {warnings > 0 && `${warnings} warning${warnings === 1 ? '' : 's'}`} in template.yaml
        </span>
      )}
      <span className="spacer" />
      {sandbox && connection.kind === 'open' && <SandboxItem kind={sandbox.kind} summary={sandbox.summary} />}
      {connection.kind === 'open' && (
        <span className="status-item" title="Execution environments kept warm, and how many are running an invocation now" data-testid="status-environments">
          <Icon name="zap" size={12} /> {warm} warm{busy > 0 ? ` · ${busy} busy` : ''}
        </span>
      )}
      {apiUrl && connection.kind === 'open' && (
        <button
          type="button"
          className="status-item status-button"
          data-testid="status-api"
          title={`HTTP trigger server: HTTP APIs, REST APIs and Function URLs of the workspace — e.g. curl ${apiUrl}/items/42 (click to copy)`}
          onClick={() => copyText(apiUrl, 'HTTP trigger URL')}
        >
          <Icon name="link" size={12} /> HTTP {apiUrl.replace(/^https?:\/\//, '')}
        </button>
      )}
      {awsEndpoint && connection.kind === 'open' && (
        <button
          type="button"
          className="status-item status-button"
          data-testid="status-aws"
          title={`Local AWS services (S3, DynamoDB, SQS, SNS, EventBridge), every function's AWS_ENDPOINT_URL — e.g. aws s3 ls --endpoint-url ${awsEndpoint} (click to copy)`}
          onClick={() => copyText(awsEndpoint, 'Local AWS endpoint')}
        >
          <Icon name="layers" size={12} /> AWS {awsEndpoint.replace(/^https?:\/\//, '')}
        </button>
      )}
      {endpoint && (
        <button
          type="button"
          className="status-item status-button"
          data-testid="status-endpoint"
          title={`Lambda Invoke API — e.g. aws lambda invoke --endpoint-url ${endpoint} --function-name HelloFunction out.json (click to copy)`}
          onClick={() => void navigator.clipboard?.writeText(endpoint).then(() => useUi.getState().toast('info', 'Invoke API endpoint copied'))}
        >
          Invoke API {endpoint.replace(/^https?:\/\//, '')}
        </button>
      )}
      <span className="status-item muted" title={client.transportName === 'electron' ? 'Desktop app' : 'Browser mode: this page talks to the faaslab host over a local WebSocket'}>
        {client.transportName === 'electron' ? 'Desktop' : 'Browser'}
      </span>
    </footer>
  );
}

function ConnectionItem() {
  const connection = useWorkspace((s) => s.connection);
  const seconds = useCountdown(connection.kind === 'retrying' ? connection.retryAt : undefined);
  const label = connection.kind === 'open' ? 'Connected' : connection.kind === 'connecting' ? 'Connecting…' : `Offline — retrying${seconds > 0 ? ` in ${seconds} s` : '…'}`;
  return (
    <span className={`status-item connection connection-${connection.kind}`} data-testid="status-connection" data-state={connection.kind} title="Connection to the faaslab host">
      <span className="connection-dot" /> {label}
    </span>
  );
}

/** Whole seconds left until `at`, ticking. */
export function useCountdown(at: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!at) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [at]);
  return at ? Math.max(0, Math.ceil((at - now) / 1000)) : 0;
}

/** Never silent: unsandboxed functions can read and write what the user can, and the bar says so. */
function SandboxItem({ kind, summary }: { kind: 'bubblewrap' | 'none'; summary: string }) {
  if (kind === 'none') {
    return (
      <span className="status-item is-warn" title={`Functions run with your own rights: ${summary}`} data-testid="status-sandbox">
        <Icon name="shieldOff" size={12} /> Not sandboxed
      </span>
    );
  }
  return (
    <span className="status-item" title={`Functions run sandboxed: ${summary}`} data-testid="status-sandbox">
      <Icon name="shield" size={12} /> Sandboxed
    </span>
  );
}
