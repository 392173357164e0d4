import type { ReactNode } from 'react';
import { Dialog } from './dialog.js';
import { DialogFooter } from './dialog-footer.js';

interface ConfirmDialogProps {
  title: string;
  testId?: string;
  /** The destructive button's label, e.g. "Delete". */
  confirmLabel: ReactNode;
  confirmTestId: string;
  busy?: boolean;
  onConfirm(): void;
  onClose(): void;
  /** What is about to be lost. */
  children: ReactNode;
}

/** "Are you sure?" before a destructive action: Cancel, or a red button that does it. */
export function ConfirmDialog({ title, testId, confirmLabel, confirmTestId, busy, onConfirm, onClose, children }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      testId={testId}
      onClose={onClose}
      footer={<DialogFooter onCancel={onClose} onSubmit={onConfirm} submitLabel={confirmLabel} submitTestId={confirmTestId} disabled={busy} danger />}
    >
      {children}
    </Dialog>
  );
}
