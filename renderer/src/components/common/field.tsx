import type { ReactNode } from 'react';

interface FieldProps {
  label: string;
  htmlFor: string;
  /** Names the error element field-error-<name> for tests and aria-describedby. */
  name: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled form row with its hint and, when there is one, its error. */
export function Field({ label, htmlFor, name, error, hint, children }: FieldProps) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {error ? (
        <p className="field-error" id={`${htmlFor}-error`} data-testid={`field-error-${name}`} role="alert">
          {error}
        </p>
      ) : (
        hint && <p className="field-hint">{hint}</p>
      )}
    </div>
  );
}
