/** invoke.*: running a function with a test event from the UI (synchronously or as an Event), and cancelling that run. */
import { randomUUID } from 'node:crypto';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';

/** How soon after starting to look at environments again: the run has claimed one by then. */
const BUSY_CHECK_MS = 50;

export function setupInvoke(registry: Registry, ctx: HostContext): void {
  registry.register('invoke.run', async ({ logicalId, payload, requestId, trigger }) => {
    const session = ctx.session();
    session.fn(logicalId);
    try {
      JSON.parse(payload);
    } catch (err) {
      throw new HostError('ValidationError', `the event is not valid JSON: ${(err as Error).message}`, { payload: (err as Error).message });
    }
    const id = requestId ?? randomUUID();
    if (ctx.invocations.running.has(id)) throw new HostError('Conflict', `an invocation with request id ${id} is already running`);
    ctx.invocations.running.add(id);
    const busyCheck = setTimeout(() => ctx.environments.check(), BUSY_CHECK_MS);
    try {
      await session.engine.invoke(logicalId, { payload, requestId: id, ...(trigger ? { source: trigger } : {}) });
      // Decorated once, when the engine reported it: the record the history stored and the renderer was pushed.
      return ctx.invocations.answer(id);
    } finally {
      clearTimeout(busyCheck);
      ctx.invocations.finished(id);
    }
  });

  registry.register('invoke.async', async ({ logicalId, payload, requestId }) => {
    const session = ctx.session();
    session.fn(logicalId);
    try {
      JSON.parse(payload);
    } catch (err) {
      throw new HostError('ValidationError', `the event is not valid JSON: ${(err as Error).message}`, { payload: (err as Error).message });
    }
    // The session's async queue (retries, event age, destinations, DLQ); every attempt is pushed
    // as an 'invocation' with this request id.
    const id = session.async.enqueue(logicalId, { payload, requestId: requestId ?? randomUUID() }, 'lambda');
    return { requestId: id };
  });

  registry.register('environments.list', async ({ logicalId }) =>
    ctx
      .session()
      .engine.environments(logicalId)
      .map(({ id, logicalId: fn, state, logStream, lastUsed }) => ({ id, logicalId: fn, state, logStream, lastUsed })),
  );

  registry.register('environments.forceCold', async ({ logicalId }) => {
    const session = ctx.session();
    session.fn(logicalId);
    const ended = session.engine.forceColdStart(logicalId);
    ctx.environments.check();
    return { ended };
  });

  registry.register('environments.kill', async ({ id }) => {
    const killed = ctx.session().engine.killEnvironment(id);
    if (!killed) throw new HostError('NotFound', `no execution environment ${id}`);
    ctx.environments.check();
    return { killed };
  });

  registry.register('invoke.prewarm', async ({ logicalId }) => ({ started: ctx.session().engine.prewarm(logicalId) }));

  registry.register('invoke.cancel', async ({ requestId }) => {
    // Marked first: the engine reports the run as soon as its environment is gone. Any running
    // invocation can be cancelled, also one that came through the Invoke API.
    ctx.invocations.markCancelled(requestId);
    const cancelled = ctx.session().engine.cancel(requestId);
    if (!cancelled) ctx.invocations.unmarkCancelled(requestId);
    return { cancelled };
  });
}
