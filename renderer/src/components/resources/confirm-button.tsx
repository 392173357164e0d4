import { useState } from 'react';

interface ConfirmButtonProps {
  testId: string;
  label: string;
  /** What the confirmation asks, e.g. "Delete photo.png?". */
  question: string;
  confirmLabel?: string;
  disabled?: boolean;
  onConfirm(): void | Promise<void>;
}

/**
 * A destructive action in two clicks: the button turns into "question [confirm] [cancel]".
 * The confirm button is <testId>-confirm.
 */
export function ConfirmButton({ testId, label, question, confirmLabel = 'Delete', disabled, onConfirm }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="btn btn-small btn-ghost" data-testid={testId} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <span className="confirm-inline" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button type="button" className="btn btn-small btn-danger" data-testid={`${testId}-confirm`} disabled={busy} onClick={() => void confirm()}>
        {confirmLabel}
      </button>
      <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
