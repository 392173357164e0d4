import { describe, expect, it } from 'vitest';
import { buildTree, checkEntryName, handlerFile } from '../../renderer/src/components/code/file-tree-model.js';
import { changedSettings, parseForm, toForm } from '../../renderer/src/components/config/config-form.js';
import { mergeRows, rowErrors, toRows, toVariables, type Row } from '../../renderer/src/components/env/env-rows.js';
import { isAtBottom, visibleRange } from '../../renderer/src/components/logs/virtual-rows.js';
import { formatUsd, prettyResponse } from '../../renderer/src/lib/format.js';
import { fuzzyScore } from '../../renderer/src/lib/fuzzy.js';
import { lineLevel } from '../../renderer/src/lib/log-level.js';
import { looksSecret } from '../../renderer/src/lib/secrets.js';
import { toHostErrorShape } from '../../renderer/src/api/transport.js';
import type { FunctionSettings } from '../../shared/api/schemas.js';

const settings: FunctionSettings = {
  handler: 'index.handler',
  runtime: 'nodejs20.x',
  memorySizeMb: 128,
  timeoutSeconds: 3,
  architecture: 'x86_64',
  ephemeralStorageMb: 512,
  reservedConcurrency: null,
  logFormat: 'Text',
  applicationLogLevel: null,
  systemLogLevel: null,
};

describe('log line levels', () => {
  it('dims platform lines and colours application levels in both formats', () => {
    expect(lineLevel('START RequestId: 1 Version: $LATEST')).toBe('platform');
    expect(lineLevel('REPORT RequestId: 1\tDuration: 1.00 ms')).toBe('platform');
    expect(lineLevel('2024-01-01T00:00:00.000Z\tabc\tERROR\tboom')).toBe('error');
    expect(lineLevel('2024-01-01T00:00:00.000Z\tabc\tWARN\thm')).toBe('warn');
    expect(lineLevel('2024-01-01T00:00:00.000Z\tabc\tINFO\tok')).toBe('info');
    expect(lineLevel('{"timestamp":"t","level":"WARN","message":"x"}')).toBe('warn');
    expect(lineLevel('{"time":"t","type":"platform.report","record":{"status":"success"}}')).toBe('platform');
    expect(lineLevel('{"time":"t","type":"platform.report","record":{"status":"timeout"}}')).toBe('error');
    expect(lineLevel('2024-01-01T00:00:00.000Z abc Task timed out after 2.00 seconds')).toBe('error');
    expect(lineLevel('plain output')).toBe('plain');
  });
});

describe('configuration form', () => {
  it("reports Lambda's bounds and unparsable numbers per field", () => {
    const { errors, settings: parsed } = parseForm({ ...toForm(settings), memorySizeMb: '20000', timeoutSeconds: 'abc', reservedConcurrency: '' });
    expect(parsed).toBeUndefined();
    expect(errors.memorySizeMb).toMatch(/between 128 and 10,240 MB/);
    expect(errors.timeoutSeconds).toBe('Timeout must be a whole number');
  });

  it('sends only what changed, with an empty reserved concurrency as unreserved', () => {
    const { settings: parsed } = parseForm({ ...toForm({ ...settings, reservedConcurrency: 5 }), memorySizeMb: '256', reservedConcurrency: ' ' });
    expect(changedSettings({ ...settings, reservedConcurrency: 5 }, parsed!)).toEqual({ memorySizeMb: 256, reservedConcurrency: null });
  });
});

describe('environment variable rows', () => {
  const rows = (...pairs: Array<[string, string]>): Row[] => toRows(Object.fromEntries(pairs));

  it('flags bad keys, reserved names, nameless values and duplicates by row', () => {
    const r = [...rows(['GOOD', '1'], ['bad key', '2'], ['AWS_REGION', '3']), { id: 99, key: '', value: 'x', revealed: false }, ...rows(['GOOD', '4'])];
    const errors = rowErrors(r);
    expect(Object.keys(errors).map(Number)).toEqual([1, 2, 3, 4]);
    expect(errors[2]).toMatch(/reserved/);
    expect(errors[3]).toMatch(/name/);
    expect(errors[4]).toMatch(/row 1/);
  });

  it("maps the host's field messages onto rows, skips blank rows, merges imports", () => {
    expect(rowErrors(rows(['FOO', 'x']), { FOO: 'no' })).toEqual({ 0: 'no' });
    expect(toVariables([...rows(['A', '1']), { id: 5, key: '', value: '', revealed: false }])).toEqual({ A: '1' });
    expect(toVariables(mergeRows(rows(['A', '1'], ['B', '2']), { B: 'new', C: '3' }))).toEqual({ A: '1', B: 'new', C: '3' });
  });

  it('masks secret-looking keys', () => {
    expect(['DB_PASSWORD', 'api_token', 'STRIPE_SECRET', 'API_KEY'].every(looksSecret)).toBe(true);
    expect(looksSecret('STAGE')).toBe(false);
  });
});

describe('file tree', () => {
  const entries = [
    { path: 'lib', kind: 'dir' as const, size: 0 },
    { path: 'lib/probe.js', kind: 'file' as const, size: 1 },
    { path: 'index.mjs', kind: 'file' as const, size: 1 },
    { path: 'a/b/c.txt', kind: 'file' as const, size: 1 },
  ];

  it('nests paths, folders first', () => {
    const tree = buildTree(entries);
    expect(tree.map((n) => n.path)).toEqual(['a', 'lib', 'index.mjs']);
    expect(tree[0]!.children[0]!.children[0]!.path).toBe('a/b/c.txt');
  });

  it("finds the handler's file, and checks new names", () => {
    expect(handlerFile('index.handler', 'nodejs20.x', entries)).toBe('index.mjs');
    expect(handlerFile('lib/probe.inspect', 'nodejs20.x', entries)).toBe('lib/probe.js');
    expect(handlerFile('function.handler', 'provided.al2023', entries)).toBeUndefined();
    expect(checkEntryName('../x', entries)).toBeDefined();
    expect(checkEntryName('index.mjs', entries)).toMatch(/exists/);
    expect(checkEntryName('src/new.ts', entries)).toBeUndefined();
  });
});

describe('small helpers', () => {
  it('virtualizes by fixed row height', () => {
    expect(visibleRange(0, 100, 20, 1000, 0)).toEqual({ start: 0, end: 5 });
    expect(visibleRange(2000, 100, 20, 1000, 2)).toEqual({ start: 98, end: 107 });
    expect(visibleRange(0, 100, 20, 3)).toEqual({ start: 0, end: 3 });
    expect(isAtBottom(900, 100, 1005, 20)).toBe(true);
    expect(isAtBottom(800, 100, 1000, 20)).toBe(false);
  });

  it('formats costs without exponents and responses as pretty JSON', () => {
    expect(formatUsd(2.0625e-7)).toBe('$0.000000206');
    expect(formatUsd(3.2)).toBe('$3.20');
    expect(prettyResponse('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyResponse('not json')).toBe('not json');
  });

  it('ranks palette matches by word starts', () => {
    expect(fuzzyScore('tl', 'View: Toggle log panel')!).toBeGreaterThan(fuzzyScore('tl', 'File: Settle')!);
    expect(fuzzyScore('gthf', 'Function: Go to HelloFunction')!).toBeGreaterThan(fuzzyScore('gthf', 'Function: Go to TheFunction') ?? -Infinity);
    expect(fuzzyScore('xyz', 'Run: Invoke')).toBeUndefined();
    expect(fuzzyScore('cfg', 'View: Show Configuration')).toBeDefined();
  });

  it("reads the host's error shape out of an Electron IPC rejection", () => {
    const e = new Error(`Error invoking remote method 'faaslab:call': Error: ${JSON.stringify({ code: 'NotFound', message: 'no such function' })}`);
    expect(toHostErrorShape(e)).toEqual({ code: 'NotFound', message: 'no such function' });
    expect(toHostErrorShape(new Error("Error invoking remote method 'x': Error: boom"))).toEqual({ code: 'ServiceError', message: 'boom' });
  });
});
