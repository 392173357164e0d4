import { create } from 'zustand';
import { useResources } from './resources.js';

/** Whether the main area shows the workspace-wide Monitor (issue 5). */
export const useMonitor = create<{ open: boolean; show(): void; close(): void }>()((set) => ({
  open: false,
  show: () => {
    useResources.getState().close();
    set({ open: true });
  },
  close: () => set({ open: false }),
}));

// Opening a resource leaves the workspace monitor.
useResources.subscribe((s, prev) => {
  if (s.open && s.open !== prev.open) useMonitor.getState().close();
});
