import { Field } from '../common/field.js';

interface NumberFieldProps {
  id: string;
  name: string;
  label: string;
  unit: string;
  value: string;
  error?: string;
  hint?: string;
  placeholder?: string;
  step?: number;
  onChange(value: string): void;
}

/** A whole number typed as text with its unit; the arrow keys step it. */
export function NumberField({ id, name, label, unit, value, error, hint, placeholder, step = 1, onChange }: NumberFieldProps) {
  return (
    <Field label={label} htmlFor={id} name={name} error={error} hint={hint}>
      <div className="input-unit">
        <input
          id={id}
          data-testid={id}
          type="text"
          inputMode="numeric"
          value={value}
          placeholder={placeholder}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
            const current = Number(value) || 0;
            e.preventDefault();
            onChange(String(Math.max(0, current + (e.key === 'ArrowUp' ? step : -step))));
          }}
        />
        <span className="unit">{unit}</span>
      </div>
    </Field>
  );
}
