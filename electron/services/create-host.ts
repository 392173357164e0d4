/**
 * The host: every method of shared/api/contract.ts, validated at the boundary and dispatched to
 * the area that owns it, and the event stream the renderer follows. It owns the HTTP trigger
 * server and the workspace session open now; session-wiring.ts says what each session is
 * connected to, push-bus.ts carries the pushes.
 */
import { DEFAULT_REGION } from '../../shared/lambda/limits.js';
import type { MethodName, Output } from '../../shared/api/contract.js';
import type { Engine, EngineOptions } from '../engine/engine.js';
import type { EventInvoker } from '../triggers/event-invoker.js';
import { ApiPortInUseError, HttpTriggerHub } from '../triggers/http-hub.js';
import { LocalAwsEndpoint } from '../local-aws/endpoint.js';
import { LOCAL_SERVICES } from '../local-aws/services.js';
import type { HostContext } from './host-context.js';
import { toHostError } from './host-errors.js';
import { HostError, type Host } from './host-types.js';
import { createManagers, hostMethods, openSession, type SessionOptions } from './session-wiring.js';
import type { WorkspaceSession } from './workspace-session.js';

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
  /**
   * Port of the local AWS endpoint (S3, DynamoDB, SQS, SNS, EventBridge): 4566 by default, as
   * LocalStack, or a free one when 4566 is taken; 0 always picks a free one.
   */
  awsPort?: number;
  /** False: schedules never fire (for `faaslab invoke`, which runs one function). */
  schedules?: boolean;
}

export async function createHost(opts: CreateHostOptions): Promise<Host> {
  let session: WorkspaceSession | undefined;
  const current = (): WorkspaceSession => {
    if (!session) throw new Error('the host is closed');
    return session;
  };
  const managers = createManagers(opts.stateDir, () => session);
  const { bus, history, logs, environments } = managers;
  const push = bus.publish.bind(bus);

  const log = opts.log ?? (() => {});
  let hub: HttpTriggerHub;
  try {
    hub = await HttpTriggerHub.start({ port: opts.apiPort, host: opts.apiHost, log, onActivity: (data) => push({ event: 'activity', data }) });
  } catch (err) {
    environments.close();
    if (err instanceof ApiPortInUseError) throw new HostError('Conflict', err.message);
    throw toHostError(err);
  }

  // Host-wide like the trigger server: its port survives workspace switches, its resources are the open workspace's.
  const aws = await LocalAwsEndpoint.start({
    port: opts.awsPort,
    region: opts.engineOptions?.region ?? DEFAULT_REGION,
    services: LOCAL_SERVICES,
    resources: () => session && { region: session.engine.region, accountId: session.engine.accountId, triggers: session.triggers },
    onCall: (call, accessKeyId) => session?.engine.noteAwsCall(accessKeyId, call),
  });
  const sessionOptions: SessionOptions = { engineOptions: { ...opts.engineOptions, awsEndpoint: aws.url }, hub, log, asyncRetryDelayScale: opts.asyncRetryDelayScale, schedules: opts.schedules };
  try {
    session = await openSession(opts.workspaceDir, sessionOptions, managers);
  } catch (err) {
    environments.close();
    await hub.close();
    await aws.close();
    throw toHostError(err); // NotFound for a missing folder or template, ValidationError for a broken one
  }
  let closed = false;

  const ctx: HostContext = {
    session: current,
    async openWorkspace(dir) {
      const next = await openSession(dir, sessionOptions, managers); // the old workspace stays open if this one cannot be loaded
      const old = session;
      session = next;
      logs.clear();
      await old?.close();
      environments.soon();
      // Every window and client follows the switch, not just the one that asked for it.
      push({ event: 'workspace', data: next.info() });
      return next;
    },
    recent: managers.recent,
    logs,
    invocations: managers.invocations,
    environments,
    push,
  };
  const registry = hostMethods(ctx, history);

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
      const unsubscribe = bus.subscribe(listener);
      // A page that (re)connects learns which environments are warm without waiting for a change.
      const snapshot = environments.snapshot();
      if (snapshot) queueMicrotask(() => bus.has(listener) && listener({ event: 'environments', data: snapshot }));
      return unsubscribe;
    },
    get workspaceDir() {
      return current().dir;
    },
    get engine(): Engine {
      return current().engine;
    },
    get async(): EventInvoker {
      return current().async;
    },
    awsEndpoint: aws.url,
    async close() {
      if (closed) return;
      closed = true;
      environments.close();
      bus.clear();
      await session?.close();
      session = undefined;
      history.close();
      await hub.close();
      await aws.close();
    },
  };
}
