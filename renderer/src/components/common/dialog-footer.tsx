import type { ReactNode } from 'react';

interface DialogFooterProps {
  onCancel(): void;
  onSubmit(): void;
  submitLabel: ReactNode;
  submitTestId?: string;
  disabled?: boolean;
  /** A destructive action: the submit button is red. */
  danger?: boolean;
}

/** A dialog's Cancel and submit buttons, for Dialog's footer. */
export function DialogFooter({ onCancel, onSubmit, submitLabel, submitTestId, disabled, danger }: DialogFooterProps) {
  return (
    <>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} data-testid={submitTestId} disabled={disabled} onClick={onSubmit}>
        {submitLabel}
      </button>
    </>
  );
}
