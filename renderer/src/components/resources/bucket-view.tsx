import { useCallback, useEffect, useRef, useState } from 'react';
import { client, errorMessage } from '../../api/index.js';
import { copyText } from '../../lib/clipboard.js';
import { formatBytes } from '../../lib/format.js';
import { useResources } from '../../store/resources.js';
import { toastError, useUi } from '../../store/ui.js';
import { Icon } from '../common/icons.js';
import { ConfirmButton } from './confirm-button.js';
import { FormError } from '../common/form-error.js';

interface BucketObject {
  key: string;
  size: number;
  modified: string;
}

/** A file's content as base64 (without the data: URL prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** An S3 bucket: its local folder, its objects, upload and delete. */
export function BucketView({ logicalId }: { logicalId: string }) {
  const bucket = useResources((s) => s.buckets.find((b) => b.logicalId === logicalId));
  const bucketName = bucket?.bucketName ?? logicalId;
  const tick = useResources((s) => s.bucketTicks[bucketName] ?? 0);
  const bump = useResources((s) => s.bumpBucket);
  const [objects, setObjects] = useState<BucketObject[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [prefix, setPrefix] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      setObjects(await client.call('buckets.objects', { bucket: logicalId }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [logicalId]);
  useEffect(() => void refresh(), [refresh, tick]);

  if (!bucket) return null;

  // The host lists what its folder watcher has seen, a moment after a write: look again then.
  const settle = () => {
    for (const ms of [400, 1500, 4000]) setTimeout(() => bump(bucketName), ms);
  };

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    try {
      const p = prefix.trim().replace(/^\/+/, '');
      const dir = p && !p.endsWith('/') ? `${p}/` : p;
      for (const file of Array.from(files)) {
        const r = await client.call('buckets.put', { bucket: logicalId, key: `${dir}${file.name}`, contentBase64: await readBase64(file) });
        const added = { key: r.key, size: r.size, modified: new Date().toISOString() };
        setObjects((list) => [...list.filter((o) => o.key !== r.key), added].sort((a, b) => a.key.localeCompare(b.key)));
      }
      useUi.getState().toast('success', `Uploaded ${files.length} file${files.length === 1 ? '' : 's'} to ${bucketName}`);
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
      settle();
    }
  };

  const remove = async (key: string) => {
    try {
      await client.call('buckets.delete', { bucket: logicalId, key });
      setObjects((list) => list.filter((o) => o.key !== key));
    } catch (e) {
      toastError(e);
    }
    settle();
  };

  return (
    <>
      <section className="card" aria-label="Bucket folder">
        <p className="resource-line">
          <span className="muted">Folder:</span>{' '}
          <code className="mono" data-testid="bucket-folder">
            {bucket.folder}
          </code>
          <button type="button" className="btn btn-small btn-ghost" title="Copy the folder path" onClick={() => copyText(bucket.folder, 'Folder path')}>
            <Icon name="copy" size={13} /> Copy
          </button>
        </p>
        <p className="muted text-small">Drop files into this folder (or upload them here): each new, changed or deleted file sends its S3 event to the bucket's functions.</p>
      </section>
      <section className="card" aria-label="Objects">
        <header className="card-header">
          <h3 className="card-title">Objects</h3>
          <span className="count-pill">{objects.length}</span>
          <span className="spacer" />
          <label className="inline-label" htmlFor="bucket-prefix">
            Prefix
          </label>
          <input id="bucket-prefix" className="input-narrow" data-testid="bucket-prefix" placeholder="folder/" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
          <input ref={input} type="file" multiple hidden data-testid="bucket-upload-input" onChange={(e) => void upload(e.target.files)} />
          <button type="button" className="btn btn-primary btn-small" data-testid="bucket-upload" disabled={busy} onClick={() => input.current?.click()}>
            <Icon name="upload" size={13} /> {busy ? 'Uploading…' : 'Upload'}
          </button>
          <button type="button" className="btn btn-small btn-ghost" title="Reload the object list" onClick={() => void refresh()}>
            <Icon name="refresh" size={13} />
          </button>
        </header>
        <FormError error={error} />
        {objects.length === 0 ? (
          <p className="trigger-empty">The bucket is empty.</p>
        ) : (
          <table className="data-table" data-testid="bucket-objects">
            <thead>
              <tr>
                <th>Key</th>
                <th className="num">Size</th>
                <th>Modified</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {objects.map((o) => (
                <tr key={o.key} data-testid={`bucket-object-${o.key}`}>
                  <td className="mono ellipsis" title={o.key}>
                    {o.key}
                  </td>
                  <td className="num">{formatBytes(o.size)} B</td>
                  <td className="mono">{new Date(o.modified).toLocaleString()}</td>
                  <td className="cell-actions">
                    <ConfirmButton testId={`bucket-delete-${o.key}`} label="Delete" question={`Delete ${o.key}?`} onConfirm={() => remove(o.key)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
