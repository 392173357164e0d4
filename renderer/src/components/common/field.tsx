import type { ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  htmlFor: string;
  /** Names the error element field-error-<name> for tests and aria-describedby. */
  name: string;
  error?: string;
  hint?: ReactNode;
  /** Extra classes of the row, e.g. a layout of its own. */
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A labelled form row with its hint and, when there is one, its error. */
export function Field({ label, htmlFor, name, error, hint, className, testId, children }: FieldProps) {
  return (
    <div className={`field ${className ? `${className} ` : ''}${error ? 'field-invalid' : ''}`} data-testid={testId}>
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
