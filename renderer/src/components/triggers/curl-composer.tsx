import { useMemo, useState } from 'react';
import { copyText } from '../../lib/clipboard.js';
import type { HttpEndpoint } from '../../store/triggers.js';
import { Icon } from '../common/icons.js';
import { BODY_METHODS, ROUTE_METHODS, curlCommand, fillPath, pathParams, requestUrl } from './trigger-model.js';

const SAMPLE_BODY = '{\n  "name": "faaslab"\n}';

/**
 * A small request composer that ends in a curl command to copy: the page itself cannot call
 * the trigger server (its CSP allows its own origin only, and the server is another port).
 */
export function CurlComposer({ endpoint, apiUrl, name }: { endpoint: HttpEndpoint; apiUrl: string | null; name: string }) {
  const params = useMemo(() => pathParams(endpoint.path), [endpoint.path]);
  const anyMethod = endpoint.method === 'ANY';
  const [method, setMethod] = useState(anyMethod ? 'GET' : endpoint.method);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(params.map((p) => [p, p === 'id' ? '42' : `my-${p}`])));
  const [subPath, setSubPath] = useState('');
  const [header, setHeader] = useState('');
  const [body, setBody] = useState(BODY_METHODS.has(endpoint.method) && endpoint.method !== 'ANY' && endpoint.method !== 'DELETE' ? SAMPLE_BODY : '');
  const withBody = BODY_METHODS.has(method) && method !== 'ANY';
  // A Function URL or the $default route answers any path under it: let the user pick one.
  const open = endpoint.kind === 'function-url' || endpoint.path === '$default';
  const base = requestUrl(endpoint, apiUrl, fillPath(endpoint.path, values));
  const url = open && subPath ? `${base.replace(/\/$/, '')}/${subPath.replace(/^\//, '')}` : base;
  const headerPair = header.includes(':') ? ([[header.slice(0, header.indexOf(':')).trim(), header.slice(header.indexOf(':') + 1).trim()]] as Array<[string, string]>) : [];
  const command = curlCommand({ method, url, body: withBody && body.trim() ? body.replace(/\s*\n\s*/g, ' ').trim() : undefined, headers: headerPair });

  return (
    <div className="curl-composer" data-testid={`trigger-composer-${name}`}>
      <div className="composer-fields">
        {anyMethod && (
          <label className="composer-field">
            <span>Method</span>
            <select className="select-small" value={method} onChange={(e) => setMethod(e.target.value)}>
              {ROUTE_METHODS.filter((m) => m !== 'ANY').map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
        )}
        {params.map((p) => (
          <label key={p} className="composer-field">
            <span className="mono">{`{${p}}`}</span>
            <input className="mono" value={values[p] ?? ''} spellCheck={false} data-testid={`trigger-param-${name}-${p}`} onChange={(e) => setValues({ ...values, [p]: e.target.value })} />
          </label>
        ))}
        {open && (
          <label className="composer-field">
            <span>Path</span>
            <input className="mono" value={subPath} placeholder="/anything" spellCheck={false} onChange={(e) => setSubPath(e.target.value)} />
          </label>
        )}
        <label className="composer-field composer-header">
          <span>Header</span>
          <input className="mono" value={header} placeholder="x-trace: demo" spellCheck={false} onChange={(e) => setHeader(e.target.value)} />
        </label>
      </div>
      {withBody && (
        <label className="composer-field composer-body">
          <span>Body</span>
          <textarea className="mono" rows={3} value={body} spellCheck={false} onChange={(e) => setBody(e.target.value)} />
        </label>
      )}
      <div className="curl-line">
        <pre className="mono" data-testid={`trigger-curl-command-${name}`}>
          {command}
        </pre>
        <button type="button" className="btn btn-small" onClick={() => copyText(command, 'curl command')}>
          <Icon name="terminal" size={13} /> Copy
        </button>
      </div>
    </div>
  );
}
