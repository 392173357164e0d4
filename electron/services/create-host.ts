/**
 * The host: every method of shared/api/contract.ts, validated at the boundary and dispatched to
 * the area that owns it, and the event stream the renderer follows. Each area registers its own
 * handlers (one `setupX()` per module, as Electron Fiddle's main.ts does); this file only wires
 * them to the open workspace.
 */
import type { MethodName, Output } from '../../shared/api/contract.js';
import type { Engine, EngineOptions } from '../engine/engine.js';
import { ApiPortInUseError, HttpTriggerHub } from '../triggers/http-hub.js';
import { setupConfig } from './config-service.js';
import { setupEnv } from './env-service.js';
import { EnvironmentsMonitor } from './environments-monitor.js';
import { setupEvents } from './events-service.js';
import { setupFiles } from './files-service.js';
import { setupFunctions } from './functions-service.js';
import type { HostContext } from './host-context.js';
import { toHostError } from './host-errors.js';
import { HostError, type Host, type Push } from './host-types.js';
import { InvocationTracker } from './invocation-tracker.js';
import { setupInvoke } from './invoke-service.js';
import { LogRing } from './log-ring.js';
import { setupLogs } from './logs-service.js';
import { setupTriggers } from './triggers-service.js';
import { setupStorage } from './storage-service.js';
import { setupMessaging } from './messaging-service.js';
import { setupSettings } from './settings-service.js';
import { setupTests } from './tests-service.js';
import { defaultStateDir, RecentWorkspaces } from './recent-workspaces.js';
import { Registry } from './registry.js';
import { setupWorkspace } from './workspace-service.js';
import { WorkspaceSession } from './workspace-session.js';
import { HistoryRecorder } from '../store/history-recorder.js';
import { setupHistory } from '../store/history-service.js';
import { setupLogsQuery } from '../store/logs-query.js';

export interface CreateHostOptions {
  workspaceDir: string;
  /** The user's faaslab folder (recent workspaces); ~/.faaslab by default. */
  stateDir?: string;
  engineOptions?: Partial<EngineOptions>;
  /**
   * Port of the HTTP trigger server (HTTP APIs, REST APIs, Function URLs): 3000 by default, as
   * `sam local start-api`, or a free one when 3000 is taken. Given explicitly, a taken port fails
   * createHost; 0 always picks a free one.
   */
  apiPort?: number;
  /** Address of the HTTP trigger server; default 127.0.0.1. */
  apiHost?: string;
  /** Where trigger failures nobody waits for go (a function error behind an HTTP route, a schedule that could not invoke). */
  log?: (line: string) => void;
  /**
   * Multiplies the async invocation retry delays (1 and 2 minutes, as Lambda): 0.001 retries
   * after 60 and 120 ms. The workspace setting (.faaslab/settings.json) wins over this; without
   * either, FAASLAB_ASYNC_RETRY_SCALE, else 1.
   */
  asyncRetryDelayScale?: number;
}

export async function createHost(opts: CreateHostOptions): Promise<Host> {
  const listeners = new Set<(p: Push) => void>();
  const history = new HistoryRecorder();
  const push = (p: Push) => {
    notePush(history, p);
    for (const listener of listeners) {
      try {
        listener(p);
      } catch {
        // One broken subscriber (a closed socket) must not keep the others from their events.
      }
    }
  };
  const recent = new RecentWorkspaces(opts.stateDir ?? defaultStateDir());
  const logs = new LogRing();
  const invocations = new InvocationTracker();

  let session: WorkspaceSession | undefined;
  const current = (): WorkspaceSession => {
    if (!session) throw new Error('the host is closed');
    return session;
  };
  const environments = new EnvironmentsMonitor(
    () => session && { engine: session.engine, functions: session.workspace.functions.map((f) => f.logicalId) },
    (data) => push({ event: 'environments', data }),
  );

  const log = opts.log ?? (() => {});
  let hub: HttpTriggerHub;
  try {
    hub = await HttpTriggerHub.start({ port: opts.apiPort, host: opts.apiHost, log, onActivity: (data) => push({ event: 'activity', data }) });
  } catch (err) {
    environments.close();
    if (err instanceof ApiPortInUseError) throw new HostError('Conflict', err.message);
    throw toHostError(err);
  }

  const hooks = { push, environmentsChanged: () => environments.soon() };
  const start = async (dir: string): Promise<WorkspaceSession> => {
    const next = await WorkspaceSession.open(dir, opts.engineOptions ?? {}, hooks, { hub, log, asyncRetryDelayScale: opts.asyncRetryDelayScale });
    next.engine.on('log', (entry) => {
      logs.add(entry);
      push({ event: 'log', data: entry });
    });
    next.engine.on('invocation', (record, event, source) => {
      const fn = next.workspace.functions.find((f) => f.logicalId === record.logicalId);
      const data = invocations.reported(record, fn);
      // Stored (synchronously) before anyone is told it finished: a kill -9 after this loses nothing reported.
      try {
        history.record(data, event, fn, source ?? (invocations.running.has(record.requestId) ? 'ui' : undefined));
      } catch (err) {
        log(`faaslab: could not store invocation ${record.requestId}: ${(err as Error).message}`);
      }
      push({ event: 'invocation', data });
      // invoke.run forgets its own runs when it answers; runs from elsewhere end here.
      if (!invocations.running.has(record.requestId)) invocations.finished(record.requestId);
      environments.soon();
    });
    history.open(next.dir);
    await recent.add(next.dir);
    return next;
  };

  try {
    session = await start(opts.workspaceDir);
  } catch (err) {
    environments.close();
    await hub.close();
    throw toHostError(err); // NotFound for a missing folder or template, ValidationError for a broken one
  }
  let closed = false;

  const ctx: HostContext = {
    session: current,
    async openWorkspace(dir) {
      const next = await start(dir); // the old workspace stays open if this one cannot be loaded
      const old = session;
      session = next;
      logs.clear();
      await old?.close();
      environments.soon();
      // Every window and client follows the switch, not just the one that asked for it.
      push({ event: 'workspace', data: next.info() });
      return next;
    },
    recent,
    logs,
    invocations,
    environments,
    push,
  };

  const registry = new Registry();
  for (const setup of [setupWorkspace, setupFunctions, setupFiles, setupConfig, setupEnv, setupEvents, setupInvoke, setupTriggers, setupLogs, setupMessaging, setupStorage, setupSettings, setupTests]) setup(registry, ctx);
  setupHistory(registry, history);
  setupLogsQuery(registry, history);
  registry.assertComplete();

  return {
    async call<M extends MethodName>(method: M, params: unknown): Promise<Output<M>> {
      if (closed) throw toHostError(new Error('the host is closed'));
      try {
        return await registry.call(method, params);
      } catch (err) {
        throw toHostError(err);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      // A page that (re)connects learns which environments are warm without waiting for a change.
      const snapshot = environments.snapshot();
      if (snapshot) queueMicrotask(() => listeners.has(listener) && listener({ event: 'environments', data: snapshot }));
      return () => listeners.delete(listener);
    },
    get workspaceDir() {
      return current().dir;
    },
    get engine(): Engine {
      return current().engine;
    },
    async close() {
      if (closed) return;
      closed = true;
      environments.close();
      listeners.clear();
      await session?.close();
      session = undefined;
      history.close();
      await hub.close();
    },
  };
}

/** The history follows two pushes: which trigger started an invocation, and code changes (a new code version). */
function notePush(history: HistoryRecorder, p: Push): void {
  if (p.event === 'activity') {
    if (p.data.requestId) history.setTrigger(p.data.requestId, p.data.trigger, `${p.data.kind} ${p.data.route}`);
  } else if (p.event === 'file' || p.event === 'workspace') history.codeChanged();
}
