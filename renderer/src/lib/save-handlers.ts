/**
 * Ctrl/Cmd+S means "save what I am looking at". Tabs whose state is local to their component
 * (Configuration, Environment variables) register how to save it while they are mounted.
 */
export type SaveArea = 'config' | 'env' | 'triggers';

const handlers = new Map<SaveArea, () => void>();

export function registerSaveHandler(area: SaveArea, save: () => void): () => void {
  handlers.set(area, save);
  return () => {
    if (handlers.get(area) === save) handlers.delete(area);
  };
}

export function runSaveHandler(area: SaveArea): boolean {
  const save = handlers.get(area);
  save?.();
  return !!save;
}
