import { useEffect, useState } from 'react';

type MonacoModule = typeof import('./index.js');

let loaded: MonacoModule | undefined;
let loading: Promise<MonacoModule> | undefined;

/** Monaco is a big chunk: it loads on first use, once. */
export function loadMonaco(): Promise<MonacoModule> {
  loading ??= import('./index.js').then((m) => (loaded = m));
  return loading;
}

export function useMonaco(): MonacoModule | undefined {
  const [m, setM] = useState(loaded);
  useEffect(() => {
    if (m) return;
    let live = true;
    void loadMonaco().then((mod) => live && setM(mod));
    return () => {
      live = false;
    };
  }, [m]);
  return m;
}
