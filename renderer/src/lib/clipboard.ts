import { useUi } from '../store/ui.js';

/** Copies text and says so in a toast (or says why it could not). */
export function copyText(text: string, what: string): void {
  const toast = useUi.getState().toast;
  if (!navigator.clipboard) {
    toast('error', `Cannot copy here: select the ${what.toLowerCase()} and copy it by hand`);
    return;
  }
  navigator.clipboard.writeText(text).then(
    () => toast('info', `${what} copied`),
    () => toast('error', `Could not copy the ${what.toLowerCase()}`),
  );
}
