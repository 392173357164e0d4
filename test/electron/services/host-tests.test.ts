import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_FILES, startHost, type HostFixture } from './host-fixture.js';

describe('tests.run and events.setExpectation', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost({
      ...BASIC_FILES,
      'functions/env/index.mjs': `export const handler = async (event) => { if (event.fail) throw new Error('asked to fail'); return { greeting: process.env.GREETING, event }; };\n`,
    });
  });
  afterAll(() => h?.close());

  it('writes, lists, validates and removes an expectation next to the event', async () => {
    await h.call('events.save', { name: 'greet', body: '{"who":"me"}' });
    await h.call('events.setExpectation', { name: 'greet', expectation: { function: 'EnvFunction', responseContains: { greeting: 'hello' } } });
    expect(JSON.parse(h.read('events/greet.expect.json'))).toEqual({ function: 'EnvFunction', responseContains: { greeting: 'hello' } });
    // The event file stays the plain event (sam local invoke -e events/greet.json).
    expect(JSON.parse(h.read('events/greet.json'))).toEqual({ who: 'me' });
    const list = await h.call('events.list');
    expect(list.map((e) => e.name)).toEqual(['greet']);
    expect(list[0]!.expectation).toEqual({ function: 'EnvFunction', responseContains: { greeting: 'hello' } });

    expect((await h.failure('events.setExpectation', { name: 'greet', expectation: { status: 'great' } })).code).toBe('ValidationError');
    expect((await h.failure('events.setExpectation', { name: 'missing', expectation: {} })).code).toBe('NotFound');
    expect((await h.failure('events.save', { name: 'x.expect', body: '{}' })).code).toBe('ValidationError');

    await h.call('events.rename', { name: 'greet', newName: 'greeting' });
    expect(existsSync(path.join(h.dir, 'events/greeting.expect.json'))).toBe(true);
    await h.call('events.setExpectation', { name: 'greeting', expectation: null });
    expect(existsSync(path.join(h.dir, 'events/greeting.expect.json'))).toBe(false);
    expect((await h.call('events.list'))[0]!.expectation).toBeUndefined();
    await h.call('events.setExpectation', { name: 'greeting', expectation: { function: 'EnvFunction' } });
    await h.call('events.delete', { name: 'greeting' });
    expect(existsSync(path.join(h.dir, 'events/greeting.expect.json'))).toBe(false);
  });

  it('runs the events with expectations, per function or all, and says what failed', async () => {
    await h.call('events.save', { name: 'pass', body: '{"n":1}' });
    await h.call('events.save', { name: 'wrong', body: '{"n":2}' });
    await h.call('events.save', { name: 'throws', body: '{"fail":true}' });
    await h.call('events.save', { name: 'untested', body: '{}' });
    await h.call('events.save', { name: 'slow', body: '{"ms":5}' });
    await h.call('events.setExpectation', { name: 'pass', expectation: { function: 'EnvFunction', response: { greeting: 'hello', event: { n: 1 } } } });
    await h.call('events.setExpectation', { name: 'wrong', expectation: { function: 'EnvFunction', responseContains: { greeting: 'Hi' } } });
    await h.call('events.setExpectation', { name: 'throws', expectation: { function: 'EnvFunction', errorType: 'Error' } });
    await h.call('events.setExpectation', { name: 'slow', expectation: { function: 'SlowFunction', response: 'done' } });

    const env = await h.call('tests.run', { logicalId: 'EnvFunction' });
    expect(env.results.map((r) => [r.event, r.pass])).toEqual([
      ['pass', true],
      ['throws', true],
      ['wrong', false],
    ]);
    expect(env).toMatchObject({ passed: 2, failed: 1 });
    expect(env.results[2]!.failures).toEqual(['response.greeting: expected "Hi" but got "hello"']);
    expect(env.results[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const all = await h.call('tests.run', {});
    expect(all.results.map((r) => `${r.event}->${r.function}`)).toEqual(['pass->EnvFunction', 'slow->SlowFunction', 'throws->EnvFunction', 'wrong->EnvFunction']);
    expect(all).toMatchObject({ passed: 3, failed: 1 });

    // Without "function" in a two-function workspace, the test cannot run: it fails saying why.
    h.write({ 'events/untested.expect.json': '{}' });
    const unnamed = (await h.call('tests.run', {})).results.find((r) => r.event === 'untested')!;
    expect(unnamed).toMatchObject({ pass: false, status: 'not-run' });
    expect(unnamed.failures[0]).toContain('no function');
    h.write({ 'events/untested.expect.json': '{"status":' });
    const invalid = (await h.call('tests.run', {})).results.find((r) => r.event === 'untested')!;
    expect(invalid.failures[0]).toContain('invalid expectation');
    expect((await h.call('events.list')).find((e) => e.name === 'untested')!.expectationError).toContain('not valid JSON');

    expect((await h.failure('tests.run', { logicalId: 'Nope' })).code).toBe('NotFound');
  });
});
