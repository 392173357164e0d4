import { useEffect, useMemo } from 'react';
import { useTest } from '../../store/test-events.js';
import { useMonaco } from '../../monaco/use-monaco.js';
import { MonacoView } from '../common/monaco-view.js';

/** The draft event of one function, as a Monaco JSON model that the store mirrors. */
export function EventEditor({ logicalId }: { logicalId: string }) {
  const m = useMonaco();
  const body = useTest((s) => s.drafts[logicalId]?.body ?? '');
  const model = useMemo(() => {
    if (!m) return undefined;
    const uri = m.monaco.Uri.from({ scheme: 'inmemory', path: `/events/${logicalId}.json` });
    return m.monaco.editor.getModel(uri) ?? m.monaco.editor.createModel(useTest.getState().drafts[logicalId]?.body ?? '', 'json', uri);
  }, [m, logicalId]);

  // The store changed from outside the editor (a saved event, a template): show it.
  useEffect(() => {
    if (model && model.getValue() !== body) model.setValue(body);
  }, [model, body]);

  useEffect(() => {
    if (!model) return;
    const sub = model.onDidChangeContent(() => useTest.getState().setBody(logicalId, model.getValue()));
    return () => sub.dispose();
  }, [model, logicalId]);

  return <MonacoView model={model} testId="event-editor" options={{ lineNumbers: 'on', folding: true, wordWrap: 'on' }} />;
}
