/** The Test tab's expected results (events.setExpectation) and regression runs (tests.run). */
import { create } from 'zustand';
import type { Output } from '../../../shared/api/contract.js';
import type { Expectation } from '../../../shared/testing/expectation.js';
import { client, HostError } from '../api/index.js';
import { useTest } from './test-events.js';
import { toastError, useUi } from './ui.js';

export type TestRunOutput = Output<'tests.run'>;

export interface TestsRun {
  running: boolean;
  output?: TestRunOutput;
  error?: string;
}

export interface ExpectationsState {
  /** Per function: its last regression run. */
  runs: Record<string, TestsRun>;
  save(name: string, expectation: Expectation | null): Promise<boolean>;
  runTests(logicalId: string): Promise<void>;
}

export const useExpectations = create<ExpectationsState>()((set, get) => ({
  runs: {},

  save: async (name, expectation) => {
    try {
      await client.call('events.setExpectation', { name, expectation });
      await useTest.getState().loadEvents();
      useUi.getState().toast('success', expectation ? `Saved the expected result of "${name}"` : `Removed the expected result of "${name}"`);
      return true;
    } catch (error) {
      toastError(error);
      return false;
    }
  },

  runTests: async (logicalId) => {
    if (get().runs[logicalId]?.running) return;
    set((s) => ({ runs: { ...s.runs, [logicalId]: { ...s.runs[logicalId], running: true } } }));
    let run: TestsRun;
    try {
      run = { running: false, output: await client.call('tests.run', { logicalId }) };
    } catch (error) {
      run = { running: false, error: error instanceof HostError ? error.message : String(error) };
    }
    set((s) => ({ runs: { ...s.runs, [logicalId]: run } }));
  },
}));
