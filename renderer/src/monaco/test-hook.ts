import type * as Monaco from 'monaco-editor/editor';

/**
 * FOR END-TO-END TESTS ONLY. Monaco renders text in its own DOM, which is awkward to type into
 * or read from Playwright, so the app exposes a tiny handle on the active editor (the one that
 * last mounted or took focus, i.e. the Code tab's or the Test tab's):
 *
 *   window.__faaslab.setEditorValue(text)   replaces the text as one undoable edit
 *   window.__faaslab.getEditorValue()       reads it
 *   window.__faaslab.getEditorMarkers()     its diagnostics (message, severity 1..8)
 *
 * Nothing in the app itself uses it.
 */
const mounted: Monaco.editor.IStandaloneCodeEditor[] = [];

function active(): Monaco.editor.IStandaloneCodeEditor | undefined {
  return mounted[mounted.length - 1];
}

export function editorMounted(editor: Monaco.editor.IStandaloneCodeEditor): void {
  editorFocused(editor);
}

export function editorFocused(editor: Monaco.editor.IStandaloneCodeEditor): void {
  const i = mounted.indexOf(editor);
  if (i >= 0) mounted.splice(i, 1);
  mounted.push(editor);
}

export function editorUnmounted(editor: Monaco.editor.IStandaloneCodeEditor): void {
  const i = mounted.indexOf(editor);
  if (i >= 0) mounted.splice(i, 1);
}

export function installTestHook(monaco: typeof Monaco): void {
  (window as unknown as { __faaslab: unknown }).__faaslab = {
    setEditorValue(text: string): void {
      const editor = active();
      const model = editor?.getModel();
      if (!editor || !model) throw new Error('no active editor');
      editor.pushUndoStop();
      editor.executeEdits('e2e', [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    },
    getEditorValue(): string | undefined {
      return active()?.getValue();
    },
    getEditorMarkers(): Array<{ message: string; severity: number; line: number }> {
      const model = active()?.getModel();
      if (!model) return [];
      return monaco.editor.getModelMarkers({ resource: model.uri }).map((m) => ({ message: m.message, severity: m.severity, line: m.startLineNumber }));
    },
  };
}
