import { useState } from 'react';
import { errorMessage } from '../../api/index.js';
import { useUi } from '../../store/ui.js';

/**
 * The submit of a dialog that asks the host for something: busy while it runs, closes on
 * success, keeps the dialog open with the host's message on failure.
 */
export function useDialogAction() {
  const close = useUi((s) => s.closeDialog);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async (action: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
      close();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return { busy, error, setError, run, close };
}
