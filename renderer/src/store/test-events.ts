import { create } from 'zustand';
import type { Output } from '../../../shared/api/contract.js';
import type { EventTemplateInfo, SavedEvent } from '../../../shared/api/schemas.js';
import { client, HostError } from '../api/index.js';
import { newRequestId } from '../lib/uuid.js';
import { toastError, useUi } from './ui.js';

export type InvocationRecord = Output<'invoke.run'>;

export interface Draft {
  /** The saved event the draft came from, if any. */
  selected: string | null;
  body: string;
  name: string;
}

export interface Run {
  requestId: string;
  startedAt: number;
  cancelling: boolean;
}

export type InvokeType = 'sync' | 'async';

/** An Event invocation: accepted (202) with a request id, then every attempt as its 'invocation' push arrives. */
export interface Queued {
  requestId: string;
  attempts: InvocationRecord[];
}

export interface RunResult {
  record?: InvocationRecord;
  queued?: Queued;
  /** The host refused or failed the call (not a function error, which is in the record). */
  error?: string;
  /** The event never left the page (not JSON): cleared as soon as the event changes. */
  local?: boolean;
}

export interface TestState {
  /** With each event's expectation (events/<name>.expect.json), if it has one. */
  events: Output<'events.list'>;
  templates: EventTemplateInfo[];
  drafts: Record<string, Draft>;
  runs: Record<string, Run>;
  results: Record<string, RunResult>;
  /** Per function: RequestResponse (sync, the default) or Event (async). */
  invokeTypes: Record<string, InvokeType>;

  loadEvents(): Promise<void>;
  loadTemplates(): Promise<void>;
  ensureDraft(logicalId: string): void;
  selectEvent(logicalId: string, name: string): void;
  setBody(logicalId: string, body: string): void;
  setName(logicalId: string, name: string): void;
  fromTemplate(logicalId: string, templateId: string): Promise<void>;
  saveEvent(logicalId: string): Promise<boolean>;
  renameEvent(name: string, newName: string): Promise<void>;
  deleteEvent(name: string): Promise<void>;
  invoke(logicalId: string): Promise<void>;
  cancel(logicalId: string): Promise<void>;
  setInvokeType(logicalId: string, type: InvokeType): void;
  /** An 'invocation' push: an attempt of a queued Event invocation, if its request id is one. */
  onInvocation(record: InvocationRecord): void;
  forgetFunction(logicalId: string): void;
  reset(): void;
}

const DEFAULT_BODY = '{\n  "key1": "value1"\n}\n';

/** The saved event a function probably wants: "hello" for HelloFunction, else none. */
function guessEvent(logicalId: string, events: SavedEvent[]): SavedEvent | undefined {
  const stem = logicalId.replace(/Function$/, '').toLowerCase();
  return events.find((e) => e.name.toLowerCase().replace(/\.json$/, '') === stem);
}

function patchDraft(s: TestState, logicalId: string, patch: Partial<Draft>): Pick<TestState, 'drafts' | 'results'> {
  const draft = s.drafts[logicalId] ?? { selected: null, body: DEFAULT_BODY, name: '' };
  let results = s.results;
  if (patch.body !== undefined && patch.body !== draft.body && results[logicalId]?.local) {
    results = { ...results };
    delete results[logicalId];
  }
  return { drafts: { ...s.drafts, [logicalId]: { ...draft, ...patch } }, results };
}

export const useTest = create<TestState>()((set, get) => ({
  events: [],
  templates: [],
  drafts: {},
  runs: {},
  results: {},
  invokeTypes: {},

  loadEvents: async () => {
    try {
      const events = [...(await client.call('events.list'))].sort((a, b) => a.name.localeCompare(b.name));
      set((s) => {
        // A draft made before the events arrived, and not touched since, gets the event it would have.
        const drafts = { ...s.drafts };
        for (const [id, d] of Object.entries(drafts)) {
          const guess = d.selected === null && d.body === DEFAULT_BODY && d.name === '' ? guessEvent(id, events) : undefined;
          if (guess) drafts[id] = { selected: guess.name, body: guess.body, name: guess.name };
        }
        return { events, drafts };
      });
    } catch (error) {
      toastError(error);
    }
  },

  loadTemplates: async () => {
    try {
      set({ templates: await client.call('events.templates') });
    } catch {
      // the template picker stays empty
    }
  },

  ensureDraft: (logicalId) => {
    if (get().drafts[logicalId]) return;
    const guess = guessEvent(logicalId, get().events);
    set((s) => patchDraft(s, logicalId, guess ? { selected: guess.name, body: guess.body, name: guess.name } : {}));
  },

  selectEvent: (logicalId, name) => {
    const event = get().events.find((e) => e.name === name);
    if (event) set((s) => patchDraft(s, logicalId, { selected: name, body: event.body, name }));
  },

  setBody: (logicalId, body) => set((s) => patchDraft(s, logicalId, { body })),
  setName: (logicalId, name) => set((s) => patchDraft(s, logicalId, { name })),

  fromTemplate: async (logicalId, templateId) => {
    try {
      const { body } = await client.call('events.generate', { templateId });
      const name = templateId.replace(/[^\w .-]+/g, '-').slice(0, 100);
      set((s) => patchDraft(s, logicalId, { selected: null, body, name }));
    } catch (error) {
      toastError(error);
    }
  },

  saveEvent: async (logicalId) => {
    const draft = get().drafts[logicalId];
    if (!draft) return false;
    const name = draft.name.trim();
    try {
      await client.call('events.save', { name, body: draft.body });
      await get().loadEvents();
      set((s) => patchDraft(s, logicalId, { selected: name, name }));
      useUi.getState().toast('success', `Saved event "${name}"`);
      return true;
    } catch (error) {
      toastError(error);
      return false;
    }
  },

  renameEvent: async (name, newName) => {
    await client.call('events.rename', { name, newName });
    await get().loadEvents();
    set((s) => {
      const drafts = { ...s.drafts };
      for (const [id, d] of Object.entries(drafts)) if (d.selected === name) drafts[id] = { ...d, selected: newName, name: newName };
      return { drafts };
    });
  },

  deleteEvent: async (name) => {
    await client.call('events.delete', { name });
    await get().loadEvents();
    set((s) => {
      const drafts = { ...s.drafts };
      for (const [id, d] of Object.entries(drafts)) if (d.selected === name) drafts[id] = { ...d, selected: null };
      return { drafts };
    });
  },

  invoke: async (logicalId) => {
    if (get().runs[logicalId]) return;
    get().ensureDraft(logicalId);
    const body = get().drafts[logicalId]!.body.trim() || '{}';
    try {
      JSON.parse(body);
    } catch (error) {
      set((s) => ({ results: { ...s.results, [logicalId]: { error: `The event is not valid JSON: ${(error as Error).message}`, local: true } } }));
      return;
    }
    const requestId = newRequestId();
    if (get().invokeTypes[logicalId] === 'async') {
      // Shown as queued before the call returns: the first attempt's push may come right after the answer.
      set((s) => ({ results: { ...s.results, [logicalId]: { queued: { requestId, attempts: [] } } } }));
      try {
        await client.call('invoke.async', { logicalId, payload: body, requestId });
      } catch (error) {
        set((s) => ({ results: { ...s.results, [logicalId]: { error: error instanceof HostError ? error.message : String(error) } } }));
      }
      return;
    }
    set((s) => ({ runs: { ...s.runs, [logicalId]: { requestId, startedAt: Date.now(), cancelling: false } } }));
    let result: RunResult;
    try {
      result = { record: await client.call('invoke.run', { logicalId, payload: body, requestId }) };
    } catch (error) {
      result = { error: error instanceof HostError ? error.message : String(error) };
    }
    set((s) => {
      const runs = { ...s.runs };
      delete runs[logicalId];
      return { runs, results: { ...s.results, [logicalId]: result } };
    });
  },

  cancel: async (logicalId) => {
    const run = get().runs[logicalId];
    if (!run || run.cancelling) return;
    set((s) => ({ runs: { ...s.runs, [logicalId]: { ...run, cancelling: true } } }));
    try {
      await client.call('invoke.cancel', { requestId: run.requestId });
    } catch (error) {
      toastError(error);
    }
  },

  setInvokeType: (logicalId, type) => set((s) => ({ invokeTypes: { ...s.invokeTypes, [logicalId]: type } })),

  onInvocation: (record) =>
    set((s) => {
      const result = s.results[record.logicalId];
      if (result?.queued?.requestId !== record.requestId) return s;
      return { results: { ...s.results, [record.logicalId]: { queued: { ...result.queued, attempts: [...result.queued.attempts, record] } } } };
    }),

  forgetFunction: (logicalId) =>
    set((s) => {
      const drafts = { ...s.drafts };
      const results = { ...s.results };
      delete drafts[logicalId];
      delete results[logicalId];
      return { drafts, results };
    }),

  reset: () => set({ drafts: {}, runs: {}, results: {} }),
}));

export const selectDraft = (logicalId: string) => (s: TestState) => s.drafts[logicalId];
export const selectRun = (logicalId: string) => (s: TestState) => s.runs[logicalId];
export const selectResult = (logicalId: string) => (s: TestState) => s.results[logicalId];
