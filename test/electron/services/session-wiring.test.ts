/** What a host connects to each session it opens: the engine's logs and invocations reach the managers and the pushes. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Push } from '../../../electron/services/host-types.js';
import { createManagers, openSession, type HostManagers } from '../../../electron/services/session-wiring.js';
import type { WorkspaceSession } from '../../../electron/services/workspace-session.js';
import { HttpTriggerHub } from '../../../electron/triggers/http-hub.js';
import { removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.handler
`;

const dir = writeFiles(mkdtempSync(path.join(os.tmpdir(), 'faaslab-wiring-')), {
  'template.yaml': TEMPLATE,
  'src/app.js': `exports.handler = async () => { console.log('said hello'); return 'hi'; };\n`,
});
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-wiring-state-'));
let hub: HttpTriggerHub;
let managers: HostManagers;
let session: WorkspaceSession | undefined;
const pushes: Push[] = [];

beforeAll(async () => {
  hub = await HttpTriggerHub.start({ port: 0, log: () => {}, onActivity: () => {} });
  managers = createManagers(stateDir, () => session);
  managers.bus.subscribe((p) => pushes.push(p));
  session = await openSession(dir, { hub, log: () => {} }, managers);
});
afterAll(async () => {
  await session?.close();
  managers.environments.close();
  managers.history.close();
  await hub.close();
  removeTempDir(dir);
  removeTempDir(stateDir);
});

it("feeds the session's logs and invocations to the log ring, the history and the pushes, and records the workspace as recent", async () => {
  const { record } = await session!.engine.invoke('Hello', { payload: '{}', source: 'invoke-api' });
  const pushed = pushes.find((p) => p.event === 'invocation' && p.data.requestId === record.requestId);
  expect(pushed).toMatchObject({ data: { status: 'success', costUsd: expect.any(Number) } });
  expect(managers.history.store.get(record.requestId)).toMatchObject({ status: 'success', trigger: { kind: 'invoke-api' } });
  await waitFor(() => managers.logs.recent(100).some((e) => e.line.includes('said hello')), 'the log line in the ring');
  expect(pushes.some((p) => p.event === 'log' && p.data.line.includes('said hello'))).toBe(true);
  expect(await managers.recent.list()).toEqual([session!.dir]);
});

it("stamps the code version again after a 'file' push", async () => {
  const first = await session!.engine.invoke('Hello', { payload: '{}' });
  const before = managers.history.store.get(first.record.requestId)?.codeVersion;
  expect(before).toMatch(/^sha256:/);
  writeFiles(dir, { 'src/app.js': `exports.handler = async () => 'changed';\n` });
  managers.bus.publish({ event: 'file', data: { logicalId: 'Hello', path: 'app.js' } });
  const next = await session!.engine.invoke('Hello', { payload: '{}' });
  expect(managers.history.store.get(next.record.requestId)?.codeVersion).toMatch(/^sha256:/);
  expect(managers.history.store.get(next.record.requestId)?.codeVersion).not.toBe(before);
});
