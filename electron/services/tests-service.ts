/** tests.run: regression runs of the saved events that have an expectation (events/<name>.expect.json). */
import { randomUUID } from 'node:crypto';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';
import { loadTestCases, runTests } from './test-runner.js';

export function setupTests(registry: Registry, ctx: HostContext): void {
  registry.register('tests.run', async ({ logicalId }) => {
    const session = ctx.session();
    const info = session.info();
    const functions = info.functions.map((f) => f.logicalId);
    if (logicalId !== undefined && !functions.includes(logicalId)) throw new HostError('NotFound', `no function ${logicalId} in the template`);
    const cases = await loadTestCases(info.dir);
    return runTests({
      cases,
      functions,
      logicalId,
      invoke: async (id, payload) => {
        const requestId = randomUUID();
        ctx.invocations.running.add(requestId);
        try {
          const { record } = await session.engine.invoke(id, { payload, requestId });
          return record;
        } finally {
          ctx.invocations.finished(requestId);
        }
      },
    });
  });
}
