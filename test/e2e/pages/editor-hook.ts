/** The page's side of the app's e2e hook on the active Monaco editor (renderer/src/monaco/test-hook.ts). */
export type HookedWindow = Window & {
  __faaslab?: {
    setEditorValue(text: string): void;
    getEditorValue(): string | undefined;
  };
};
