import { create } from 'zustand';
import type { EventData, Input } from '../../../shared/api/contract.js';
import type { ScheduleInfo, TriggersInfo } from '../../../shared/api/schemas.js';
import { client, errorMessage } from '../api/index.js';
import type { InvocationRecord } from './test-events.js';

export type TriggerActivity = EventData<'activity'>;
export type HttpEndpoint = TriggersInfo['endpoints'][number];
type AddHttp = Input<'triggers.addHttp'>;
type AddEvent = Input<'triggers.addEvent'>;

/** One 'activity' push, with an id for React keys. */
export interface ActivityRow extends TriggerActivity {
  id: number;
}

/** What "Fire now" of a schedule gave: running, the invocation, or the host's refusal. */
export interface FireResult {
  running: boolean;
  record?: InvocationRecord;
  error?: string;
}

/** Activity rows kept for the Triggers tabs (all functions together); older ones fall off. */
export const MAX_ACTIVITY = 200;

export interface TriggersState {
  info: TriggersInfo | null;
  loadError: string | null;
  /** Newest first. */
  activity: ActivityRow[];
  /**
   * Event names of routes, by routeId(): the endpoints of triggers.list do not say which
   * Events key declared them, so the names of routes added here are remembered.
   */
  eventNames: Record<string, string>;
  fired: Record<string, FireResult>;

  load(): Promise<void>;
  apply(info: TriggersInfo): void;
  pushActivity(activity: TriggerActivity): void;
  clearActivity(logicalId: string): void;
  reset(): void;
  addHttp(input: AddHttp & { eventName: string }): Promise<void>;
  /** Schedule, SQS, SNS, S3 or DynamoDB: written into template.yaml by the host. */
  addEvent(input: AddEvent): Promise<void>;
  remove(logicalId: string, eventName: string): Promise<void>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
  fire(id: string): Promise<void>;
}

/** A route's identity across pushes: which function, method and path. */
export const routeId = (e: { logicalId: string; method: string; path: string }) => `${e.logicalId} ${e.method.toUpperCase()} ${e.path}`;

let nextId = 1;
let sourcesTimer: ReturnType<typeof setTimeout> | undefined;

export const useTriggers = create<TriggersState>()((set, get) => ({
  info: null,
  loadError: null,
  activity: [],
  eventNames: {},
  fired: {},

  load: async () => {
    try {
      get().apply(await client.call('triggers.list'));
      set({ loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },

  apply: (info) => {
    if (info.eventSources !== undefined) return set({ info, loadError: null });
    // The 'triggers' push does not carry the event sources: keep the last ones and ask again.
    set((s) => ({ info: { ...info, eventSources: s.info?.eventSources }, loadError: null }));
    clearTimeout(sourcesTimer);
    sourcesTimer = setTimeout(() => void get().load(), 100);
  },

  pushActivity: (activity) => set((s) => ({ activity: [{ ...activity, id: nextId++ }, ...s.activity].slice(0, MAX_ACTIVITY) })),

  clearActivity: (logicalId) => set((s) => ({ activity: s.activity.filter((a) => a.logicalId !== logicalId) })),

  reset: () => set({ info: null, activity: [], eventNames: {}, fired: {} }),

  addHttp: async (input) => {
    const info = await client.call('triggers.addHttp', input);
    set((s) => ({ eventNames: { ...s.eventNames, [routeId(input)]: input.eventName } }));
    get().apply(info);
  },

  addEvent: async (input) => {
    get().apply(await client.call('triggers.addEvent', input));
  },

  remove: async (logicalId, eventName) => {
    get().apply(await client.call('triggers.remove', { logicalId, eventName }));
  },

  setEnabled: async (id, enabled) => {
    const schedule = await client.call('schedules.setEnabled', { id, enabled });
    patchSchedule(set, get, schedule);
  },

  fire: async (id) => {
    const put = (r: FireResult) => set((s) => ({ fired: { ...s.fired, [id]: r } }));
    put({ running: true });
    try {
      put({ running: false, record: await client.call('schedules.fire', { id }) });
    } catch (error) {
      put({ running: false, error: errorMessage(error) });
    }
  },
}));

function patchSchedule(set: (p: Partial<TriggersState>) => void, get: () => TriggersState, schedule: ScheduleInfo): void {
  const info = get().info;
  if (!info) return;
  set({ info: { ...info, schedules: info.schedules.map((s) => (s.id === schedule.id ? schedule : s)) } });
}

// Selectors. Arrays are derived in components with useMemo / useShallow from these stable pieces.
export const selectApiUrl = (s: TriggersState) => s.info?.apiUrl ?? null;
export const selectAwsEndpoint = (s: TriggersState) => s.info?.awsEndpoint ?? null;
export const selectSandbox = (s: TriggersState) => s.info?.sandbox ?? null;
