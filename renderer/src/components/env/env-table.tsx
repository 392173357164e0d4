import { looksSecret } from '../../lib/secrets.js';
import { Icon } from '../common/icons.js';
import { emptyRow, type Row } from './env-rows.js';

interface EnvTableProps {
  rows: Row[];
  errors: Record<number, string>;
  onChange(rows: Row[]): void;
  /** Prefix of the test ids: "env" gives env-key-0, env-value-0, env-error-0, env-add. */
  testPrefix: string;
  disabled?: boolean;
}

/** A key/value table with per-row errors; secret-looking values are masked until revealed. */
export function EnvTable({ rows, errors, onChange, testPrefix, disabled }: EnvTableProps) {
  const update = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="env-table" role="table" aria-label="Environment variables">
      {rows.length > 0 ? (
        <div className="env-row env-head" role="row">
          <span role="columnheader">Key</span>
          <span role="columnheader">Value</span>
          <span />
        </div>
      ) : (
        <p className="env-empty">No variables yet.</p>
      )}
      {rows.map((row, i) => {
        const secret = looksSecret(row.key);
        const masked = secret && !row.revealed;
        return (
          <div key={row.id} className={`env-row-wrap ${errors[i] ? 'is-invalid' : ''}`}>
            <div className="env-row" role="row">
              <input
                className="mono"
                aria-label={`Key ${i + 1}`}
                data-testid={`${testPrefix}-key-${i}`}
                value={row.key}
                placeholder="KEY"
                spellCheck={false}
                autoComplete="off"
                disabled={disabled}
                aria-invalid={!!errors[i]}
                onChange={(e) => update(i, { key: e.target.value })}
              />
              <div className="env-value">
                <input
                  className="mono"
                  aria-label={`Value ${i + 1}`}
                  data-testid={`${testPrefix}-value-${i}`}
                  type={masked ? 'password' : 'text'}
                  value={row.value}
                  placeholder="value"
                  spellCheck={false}
                  autoComplete="off"
                  disabled={disabled}
                  onChange={(e) => update(i, { value: e.target.value })}
                />
                {secret && (
                  <button
                    type="button"
                    className="icon-button env-reveal"
                    data-testid={`${testPrefix}-reveal-${i}`}
                    aria-label={masked ? 'Show value' : 'Hide value'}
                    aria-pressed={!masked}
                    title={masked ? 'Show value' : 'Hide value'}
                    onClick={() => update(i, { revealed: !row.revealed })}
                  >
                    <Icon name={masked ? 'eye' : 'eyeOff'} size={14} />
                  </button>
                )}
              </div>
              <button
                type="button"
                className="icon-button"
                data-testid={`${testPrefix}-remove-${i}`}
                aria-label={`Remove ${row.key || `row ${i + 1}`}`}
                title="Remove"
                disabled={disabled}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                <Icon name="trash" size={14} />
              </button>
            </div>
            {errors[i] && (
              <p className="field-error env-error" data-testid={`${testPrefix}-error-${i}`} role="alert">
                {errors[i]}
              </p>
            )}
          </div>
        );
      })}
      <button type="button" className="btn btn-small btn-ghost env-add" data-testid={`${testPrefix}-add`} disabled={disabled} onClick={() => onChange([...rows, emptyRow()])}>
        <Icon name="plus" size={14} /> Add variable
      </button>
    </div>
  );
}
