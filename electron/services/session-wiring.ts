/**
 * What the host connects to each workspace session: the host-wide managers its engine feeds (the
 * log ring, the invocation tracker, the history, the environments monitor, the pushes) and which
 * area's handlers answer which host methods (one `setupX()` per module, as Electron Fiddle's
 * main.ts does).
 */
import type { EngineOptions } from '../engine/engine.js';
import type { HttpTriggerHub } from '../triggers/http-hub.js';
import { HistoryRecorder } from '../store/history-recorder.js';
import { setupConfig } from './config-service.js';
import { setupEnv } from './env-service.js';
import { EnvironmentsMonitor } from './environments-monitor.js';
import { setupEvents } from './events-service.js';
import { setupFiles } from './files-service.js';
import { setupFunctions } from './functions-service.js';
import { setupHistory } from './history-service.js';
import type { HostContext } from './host-context.js';
import type { Push } from './host-types.js';
import { InvocationTracker } from './invocation-tracker.js';
import { setupInvoke } from './invoke-service.js';
import { LogRing } from './log-ring.js';
import { setupLogs, setupLogsQuery } from './logs-service.js';
import { setupMessaging } from './messaging-service.js';
import { PushBus } from './push-bus.js';
import { defaultStateDir, RecentWorkspaces } from './recent-workspaces.js';
import { Registry } from './registry.js';
import { setupSettings } from './settings-service.js';
import { setupStorage } from './storage-service.js';
import { setupTests } from './tests-service.js';
import { setupTriggers } from './triggers-service.js';
import { setupWorkspace } from './workspace-service.js';
import { WorkspaceSession } from './workspace-session.js';

/** The host-wide managers: they outlive workspace sessions. */
export interface HostManagers {
  bus: PushBus;
  history: HistoryRecorder;
  recent: RecentWorkspaces;
  logs: LogRing;
  invocations: InvocationTracker;
  environments: EnvironmentsMonitor;
}

/** `session()` is the workspace open now, if any: the environments monitor follows it. */
export function createManagers(stateDir: string | undefined, session: () => WorkspaceSession | undefined): HostManagers {
  const bus = new PushBus();
  const history = new HistoryRecorder();
  // The history follows code changes (a new code version) from the pushes; the trigger comes with each invocation.
  bus.subscribe((p) => {
    if (p.event === 'file' || p.event === 'workspace') history.codeChanged();
  });
  const push = (p: Push) => bus.publish(p);
  const environments = new EnvironmentsMonitor(
    () => {
      const s = session();
      return s && { engine: s.engine, functions: s.workspace.functions.map((f) => f.logicalId) };
    },
    (data) => push({ event: 'environments', data }),
  );
  return { bus, history, recent: new RecentWorkspaces(stateDir ?? defaultStateDir()), logs: new LogRing(), invocations: new InvocationTracker(), environments };
}

export interface SessionOptions {
  engineOptions?: Partial<EngineOptions>;
  hub: HttpTriggerHub;
  log(line: string): void;
  asyncRetryDelayScale?: number;
  schedules?: boolean;
}

/** Opens the workspace at `dir` and feeds its engine's logs and invocations to the managers; it becomes the newest of the recent workspaces. */
export async function openSession(dir: string, opts: SessionOptions, m: HostManagers): Promise<WorkspaceSession> {
  const push = (p: Push) => m.bus.publish(p);
  const hooks = { push, environmentsChanged: () => m.environments.soon() };
  const session = await WorkspaceSession.open(dir, opts.engineOptions ?? {}, hooks, { hub: opts.hub, log: opts.log, asyncRetryDelayScale: opts.asyncRetryDelayScale, schedules: opts.schedules });
  session.engine.on('log', (entry) => {
    m.logs.add(entry);
    push({ event: 'log', data: entry });
  });
  // An install or build before a cold start shows in the live log, on a stream of its own; it
  // is not the function's output, so no invocation stores it.
  session.engine.on('build', ({ logicalId, line }) => {
    const entry = { logicalId, logStream: BUILD_LOG_STREAM, line: `faaslab: ${line}`, time: Date.now() };
    m.logs.add(entry);
    push({ event: 'log', data: entry });
  });
  session.engine.on('invocation', (record, event, source) => {
    const fn = session.workspace.functions.find((f) => f.logicalId === record.logicalId);
    const data = m.invocations.reported(record, fn);
    // Stored (synchronously) before anyone is told it finished: a kill -9 after this loses nothing reported.
    try {
      m.history.record(data, event, fn, source ?? (m.invocations.running.has(record.requestId) ? 'ui' : undefined));
    } catch (err) {
      opts.log(`faaslab: could not store invocation ${record.requestId}: ${(err as Error).message}`);
    }
    push({ event: 'invocation', data });
    // invoke.run forgets its own runs when it answers; runs from elsewhere end here.
    if (!m.invocations.running.has(record.requestId)) m.invocations.finished(record.requestId);
    m.environments.soon();
  });
  m.history.open(session.dir);
  await m.recent.add(session.dir);
  return session;
}

/** Every host method, answered by the area that owns it; a method without a handler fails here, at start-up. */
export function hostMethods(ctx: HostContext, history: HistoryRecorder): Registry {
  const registry = new Registry();
  for (const setup of [setupWorkspace, setupFunctions, setupFiles, setupConfig, setupEnv, setupEvents, setupInvoke, setupTriggers, setupLogs, setupMessaging, setupStorage, setupSettings, setupTests])
    setup(registry, ctx);
  setupHistory(registry, history);
  setupLogsQuery(registry, history);
  registry.assertComplete();
  return registry;
}

/** The log stream name of install and build progress (no Lambda log stream looks like it). */
export const BUILD_LOG_STREAM = 'faaslab/build';
