import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor';
import { selectResolvedTheme, useUi } from '../../store/ui.js';
import { editorFocused, editorMounted, editorUnmounted, installTestHook } from '../../monaco/test-hook.js';
import { useMonaco } from '../../monaco/use-monaco.js';

interface MonacoViewProps {
  /** The model to show; the view keeps each model's scroll and cursor while switching. */
  model: Monaco.editor.ITextModel | undefined;
  testId: string;
  options?: Monaco.editor.IStandaloneEditorConstructionOptions;
  onEditor?(editor: Monaco.editor.IStandaloneCodeEditor | undefined): void;
  placeholder?: string;
}

const viewStates = new WeakMap<Monaco.editor.ITextModel, Monaco.editor.ICodeEditorViewState>();

export function MonacoView({ model, testId, options, onEditor, placeholder = 'Loading editor…' }: MonacoViewProps) {
  const m = useMonaco();
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const theme = useUi(selectResolvedTheme);

  useEffect(() => {
    if (!m || !container.current) return;
    installTestHook(m.monaco);
    const editor = m.monaco.editor.create(container.current, {
      model: null,
      automaticLayout: true,
      fontFamily: 'ui-monospace, SFMono-Regular, "Cascadia Code", Menlo, Consolas, monospace',
      fontSize: 13,
      lineHeight: 20,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 2,
      fixedOverflowWidgets: true,
      padding: { top: 8 },
      theme: m.themeName(selectResolvedTheme(useUi.getState())),
      ...options,
    });
    editorRef.current = editor;
    editorMounted(editor);
    const focus = editor.onDidFocusEditorText(() => editorFocused(editor));
    onEditor?.(editor);
    m.loadTypings();
    return () => {
      const current = editor.getModel();
      if (current) viewStates.set(current, editor.saveViewState()!);
      focus.dispose();
      editorUnmounted(editor);
      onEditor?.(undefined);
      editor.dispose();
      editorRef.current = undefined;
    };
    // The editor is created once per mount; options are construction-time only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [m]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const previous = editor.getModel();
    if (previous === (model ?? null)) return;
    if (previous && !previous.isDisposed()) viewStates.set(previous, editor.saveViewState()!);
    editor.setModel(model ?? null);
    const state = model && viewStates.get(model);
    if (state) editor.restoreViewState(state);
  }, [model, m]);

  useEffect(() => {
    if (m) m.monaco.editor.setTheme(m.themeName(theme));
  }, [m, theme]);

  return (
    <div className="monaco-view" data-testid={testId} data-ready={m ? 'true' : 'false'}>
      <div ref={container} className="monaco-container" />
      {!m && <div className="monaco-placeholder">{placeholder}</div>}
    </div>
  );
}
