import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff.js';
import { startHost, type HostFixture } from './host-fixture.js';

describe('env.*', () => {
  let h: HostFixture;
  let original: string;
  beforeAll(async () => {
    h = await startHost();
    original = h.read('template.yaml');
  });
  afterAll(() => h?.close());

  it('get: the template values, intrinsics resolved, per function and for Globals', async () => {
    expect(await h.call('env.get', { scope: 'EnvFunction' })).toEqual({ variables: { GREETING: 'hello', TABLE: 'Table' }, overrides: {} });
    expect(await h.call('env.get', { scope: 'Globals' })).toEqual({ variables: { STAGE: 'dev' }, overrides: {} });
    expect(await h.call('env.get', { scope: 'SlowFunction' })).toEqual({ variables: {}, overrides: {} });
    expect((await h.failure('env.get', { scope: 'Nobody' })).code).toBe('NotFound');
  });

  it('set: writes only what changed; an unchanged !Ref stays a !Ref', async () => {
    const out = await h.call('env.set', { scope: 'EnvFunction', variables: { GREETING: 'bonjour', TABLE: 'Table', NEW_ONE: '42' } });
    expect(out.variables).toEqual({ GREETING: 'bonjour', TABLE: 'Table', NEW_ONE: '42' });
    expect(lineDiff(original, h.read('template.yaml'))).toEqual({
      removed: ['          GREETING: hello'],
      added: ['          GREETING: bonjour', '          NEW_ONE: "42"'],
    });
    const run = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' });
    expect(run.response).toMatchObject({ env: { GREETING: 'bonjour', TABLE: 'Table', STAGE: 'dev' } });
  });

  it('set: removing every variable removes the Environment, and a new one creates it', async () => {
    await h.call('env.set', { scope: 'EnvFunction', variables: {} });
    expect(h.read('template.yaml')).not.toMatch(/GREETING|TABLE: !Ref|NEW_ONE/);
    await h.call('env.set', { scope: 'SlowFunction', variables: { LEVEL: 'debug' } });
    expect(h.read('template.yaml')).toContain('      Timeout: 30\n      Environment:\n        Variables:\n          LEVEL: debug\n');
    await h.call('env.set', { scope: 'Globals', variables: { STAGE: 'dev', REGION_NAME: 'eu' } });
    expect(h.read('template.yaml')).toContain('        STAGE: !Ref Stage\n        REGION_NAME: eu\n');
  });

  it('set: keys are checked as Lambda checks them, one message per key', async () => {
    const before = h.read('template.yaml');
    const err = await h.failure('env.set', { scope: 'EnvFunction', variables: { '1BAD': 'x', AWS_REGION: 'eu-west-1', GOOD: 'ok' } });
    expect(err.code).toBe('ValidationError');
    expect(err.fields).toEqual({ '1BAD': expect.stringMatching(/not a valid variable name/), AWS_REGION: expect.stringMatching(/reserved by Lambda/) });
    const big = await h.failure('env.set', { scope: 'Globals', variables: { BIG: 'x'.repeat(5000) } });
    expect(big.fields).toEqual({ variables: expect.stringMatching(/over Lambda's 4096-byte limit/) });
    expect(h.read('template.yaml')).toBe(before);
  });

  it('overrides: kept in env.json as SAM reads it, applied when invoking, never in the template', async () => {
    const template = h.read('template.yaml');
    expect((await h.call('env.setOverrides', { scope: 'EnvFunction', overrides: { X_VAR: 'from-env-json', GREETING: 'overridden' } })).overrides).toEqual({
      X_VAR: 'from-env-json',
      GREETING: 'overridden',
    });
    await h.call('env.setOverrides', { scope: 'Globals', overrides: { STAGE: 'local' } });
    expect(JSON.parse(readFileSync(path.join(h.dir, 'env.json'), 'utf8'))).toEqual({ EnvFunction: { X_VAR: 'from-env-json', GREETING: 'overridden' }, Parameters: { STAGE: 'local' } });
    expect(h.read('template.yaml')).toBe(template);
    expect(await h.call('env.get', { scope: 'EnvFunction' })).toEqual({ variables: {}, overrides: { X_VAR: 'from-env-json', GREETING: 'overridden' } });
    const run = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' });
    expect(run.response).toMatchObject({ env: { X_VAR: 'from-env-json', GREETING: 'overridden', STAGE: 'local' } });

    const bad = await h.failure('env.setOverrides', { scope: 'EnvFunction', overrides: { AWS_REGION: 'x' } });
    expect(bad.fields).toHaveProperty('AWS_REGION');
    await h.call('env.setOverrides', { scope: 'EnvFunction', overrides: {} });
    expect(JSON.parse(readFileSync(path.join(h.dir, 'env.json'), 'utf8'))).toEqual({ Parameters: { STAGE: 'local' } });
    expect(existsSync(path.join(h.dir, 'env.json'))).toBe(true);
  });

  it('overrides: an env.json edited on disk applies to the next invocation', async () => {
    h.write({ 'env.json': JSON.stringify({ EnvFunction: { X_VAR: 'edited by hand' } }) });
    await expect.poll(async () => (await h.call('env.get', { scope: 'EnvFunction' })).overrides, { timeout: 5000 }).toEqual({ X_VAR: 'edited by hand' });
    const run = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' });
    expect(run.response).toMatchObject({ env: { X_VAR: 'edited by hand', STAGE: 'dev' } });
  });
});
