import { useCallback, useEffect, useMemo, useState } from 'react';
import { client, errorMessage } from '../../api/index.js';
import { useResources } from '../../store/resources.js';
import { toastError } from '../../store/ui.js';
import { Icon } from '../common/icons.js';
import { ConfirmButton } from './confirm-button.js';
import { cellText, columnsOf, formatJson, keyText, plainItem, type DynamoItem } from './dynamo.js';
import { FormError } from '../common/form-error.js';

/** A DynamoDB table: key schema, stream, the items (plain or raw DynamoDB JSON) and an item editor. */
export function TableView({ logicalId }: { logicalId: string }) {
  const table = useResources((s) => s.tables.find((t) => t.logicalId === logicalId));
  const [items, setItems] = useState<DynamoItem[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [raw, setRaw] = useState(false);
  // A skeleton with the key attributes to fill in.
  const [editor, setEditor] = useState(() => JSON.stringify(Object.fromEntries((table?.keySchema ?? []).map((k) => [k.name, ''])), null, 2));
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setItems((await client.call('tables.scan', { table: logicalId })).items);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [logicalId]);
  // Each 'tables' push replaces the table object: scan again with it.
  useEffect(() => void refresh(), [refresh, table]);

  const keyNames = useMemo(() => {
    const keys = table?.keySchema ?? [];
    return [...keys.filter((k) => k.keyType === 'HASH'), ...keys.filter((k) => k.keyType === 'RANGE')].map((k) => k.name);
  }, [table]);
  const columns = useMemo(() => columnsOf(items, keyNames), [items, keyNames]);
  const rows = useMemo(() => (raw ? items : items.map(plainItem)), [items, raw]);

  if (!table) return null;

  const save = async () => {
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    try {
      const r = await client.call('tables.put', { table: logicalId, item: editor });
      setSaved(r.eventName === 'INSERT' ? 'Item added' : 'Item replaced');
      await refresh();
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: DynamoItem) => {
    try {
      await client.call('tables.delete', { table: logicalId, key: keyText(item, keyNames) });
      await refresh();
    } catch (e) {
      toastError(e);
    }
  };

  const edit = (item: DynamoItem) => {
    setEditor(JSON.stringify(raw ? item : plainItem(item), null, 2));
    setSaveError(null);
    setSaved(null);
  };

  return (
    <>
      <section className="card" aria-label="Table">
        <p className="resource-line">
          <span className="muted">Key:</span>
          {table.keySchema.map((k) => (
            <span key={k.name} className="chip mono" data-testid={`table-key-${k.name}`}>
              {k.name} {k.type} · {k.keyType === 'HASH' ? 'partition' : 'sort'}
            </span>
          ))}
          <span className="muted">Stream:</span>
          <span className={`chip ${table.streamViewType ? 'chip-warm' : ''}`} data-testid="table-stream">
            {table.streamViewType ?? 'none'}
          </span>
        </p>
        <p className="resource-line mono muted text-small">{table.file}</p>
      </section>
      <section className="card" aria-label="Items">
        <header className="card-header">
          <h3 className="card-title">Items</h3>
          <span className="count-pill">{items.length}</span>
          <span className="spacer" />
          <label className="checkbox">
            <input type="checkbox" data-testid="table-raw-toggle" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> DynamoDB JSON
          </label>
          <button type="button" className="btn btn-small btn-ghost" title="Scan again" onClick={() => void refresh()}>
            <Icon name="refresh" size={13} />
          </button>
        </header>
        <FormError error={loadError} />
        {items.length === 0 ? (
          <p className="trigger-empty">No items. Add one below.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="table-items">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c} className={keyNames.includes(c) ? 'is-key' : ''}>
                      {c}
                    </th>
                  ))}
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={keyText(items[i]!, keyNames)} data-testid={`table-row-${i}`}>
                    {columns.map((c) => (
                      <td key={c} className="mono ellipsis" title={cellText(row[c])}>
                        {cellText(row[c])}
                      </td>
                    ))}
                    <td className="cell-actions">
                      <button type="button" className="btn btn-small btn-ghost" data-testid={`table-edit-${i}`} onClick={() => edit(items[i]!)}>
                        Edit
                      </button>
                      <ConfirmButton testId={`table-delete-${i}`} label="Delete" question="Delete this item?" onConfirm={() => remove(items[i]!)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-label="Item editor">
        <header className="card-header">
          <h3 className="card-title">Put an item</h3>
          <span className="muted text-small">Plain JSON or DynamoDB JSON; an item with the same key is replaced.</span>
          <span className="spacer" />
          <button type="button" className="btn btn-small btn-ghost" disabled={formatJson(editor) === undefined} onClick={() => setEditor(formatJson(editor) ?? editor)}>
            <Icon name="format" size={13} /> Format JSON
          </button>
        </header>
        <textarea className="mono resource-editor" rows={7} aria-label="Item JSON" data-testid="table-item-editor" spellCheck={false} value={editor} onChange={(e) => setEditor(e.target.value)} />
        <div className="resource-form-row">
          {saveError && (
            <span className="form-error" role="alert" data-testid="table-item-error">
              {saveError}
            </span>
          )}
          {saved && (
            <span className="saved-note" data-testid="table-item-saved">
              {saved}
            </span>
          )}
          <span className="spacer" />
          <button type="button" className="btn btn-primary btn-small" data-testid="table-item-save" disabled={busy || editor.trim() === ''} onClick={() => void save()}>
            <Icon name="save" size={13} /> Save item
          </button>
        </div>
      </section>
    </>
  );
}
