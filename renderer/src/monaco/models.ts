import { languageOf, monaco } from './setup.js';

/**
 * One Monaco model per open file, at file:///functions/<LogicalId>/<path> so the TypeScript
 * worker resolves relative imports between a function's files and packages from the bundled
 * file:///node_modules/@types. Dirtiness follows Monaco's alternative version id, so undoing
 * back to the saved text clears the marker, as in VS Code.
 */
interface Doc {
  model: monaco.editor.ITextModel;
  savedVersion: number;
  savedText: string;
  diskText: string | undefined;
  listener: monaco.IDisposable;
}

const docs = new Map<string, Doc>();

// The editor store loads this module lazily (Monaco is big), so this module cannot import the store back.
let reportDirty: (key: string, dirty: boolean) => void = () => {};

/** Where a model's dirtiness goes: the editor store, which sets it on loading this module. */
export function reportDirtiness(to: (key: string, dirty: boolean) => void): void {
  reportDirty = to;
}

export function fileUri(logicalId: string, path: string): monaco.Uri {
  return monaco.Uri.from({ scheme: 'file', path: `/functions/${logicalId}/${path}` });
}

export function openModel(key: string, logicalId: string, path: string, content: string): monaco.editor.ITextModel {
  const existing = docs.get(key);
  if (existing) return existing.model;
  const uri = fileUri(logicalId, path);
  // A model can outlive its doc entry (e.g. after a failed close): reuse it.
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, languageOf(path, content), uri);
  if (model.getValue() !== content) model.setValue(content);
  const doc: Doc = {
    model,
    savedVersion: model.getAlternativeVersionId(),
    savedText: content,
    diskText: undefined,
    listener: model.onDidChangeContent(() => {
      reportDirty(key, model.getAlternativeVersionId() !== doc.savedVersion);
    }),
  };
  docs.set(key, doc);
  return model;
}

export function getModel(key: string): monaco.editor.ITextModel | undefined {
  return docs.get(key)?.model;
}

export function getText(key: string): string | undefined {
  return docs.get(key)?.model.getValue();
}

export function getSavedText(key: string): string | undefined {
  return docs.get(key)?.savedText;
}

export function markSaved(key: string, text: string): void {
  const doc = docs.get(key);
  if (!doc) return;
  doc.savedText = text;
  doc.diskText = undefined;
  // Edits typed while the write was in flight stay dirty.
  if (doc.model.getValue() === text) doc.savedVersion = doc.model.getAlternativeVersionId();
  reportDirty(key, doc.model.getAlternativeVersionId() !== doc.savedVersion);
}

/** Replaces the text with the disk version as one undoable edit, and makes it the saved state. */
export function replaceContent(key: string, text: string): void {
  const doc = docs.get(key);
  if (!doc) return;
  if (doc.model.getValue() !== text) {
    doc.model.pushEditOperations([], [{ range: doc.model.getFullModelRange(), text }], () => null);
  }
  markSaved(key, text);
}

export function setDiskText(key: string, text: string): void {
  const doc = docs.get(key);
  if (doc) doc.diskText = text;
}

/** "Keep mine": the disk text becomes the baseline for later change events; edits stay dirty. */
export function acceptDiskText(key: string): void {
  const doc = docs.get(key);
  if (doc && doc.diskText !== undefined) {
    doc.savedText = doc.diskText;
    doc.diskText = undefined;
  }
}

export function renameModel(oldKey: string, newKey: string, logicalId: string, newPath: string): void {
  const doc = docs.get(oldKey);
  if (!doc) return;
  const text = doc.model.getValue();
  const dirty = doc.model.getAlternativeVersionId() !== doc.savedVersion;
  disposeModel(oldKey);
  openModel(newKey, logicalId, newPath, doc.savedText);
  if (dirty) getModel(newKey)?.setValue(text);
}

export function disposeModel(key: string): void {
  const doc = docs.get(key);
  if (!doc) return;
  doc.listener.dispose();
  doc.model.dispose();
  docs.delete(key);
}

export function disposeAll(): void {
  for (const key of [...docs.keys()]) disposeModel(key);
}
