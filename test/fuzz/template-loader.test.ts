/**
 * Property-based fuzzing of the template loader through `validateWorkspace`, the load
 * `faaslab validate` and `serve` make (functions, HTTP, schedules, storage, messaging,
 * EventBridge): mutated YAML text, structured SAM templates of random resources and properties of
 * any type with CloudFormation tags, deep nesting, huge strings and alias bombs. It must answer
 * every one (never an uncaught exception), with functions or with errors that say where, and
 * write nothing outside the workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkspace, type Validation } from '../../electron/cli/validate-command.js';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';
import { FUZZ_SEED, runs } from './arbitraries.js';
import { billionLaughs, mutate, mutation, SEED_TEMPLATE, structuredTemplate } from './template-arbitraries.js';
import { emitTemplate, type Value } from './yaml-emitter.js';

const RUNS = runs(150);

/** The workspace sits four folders down, so a logical id climbing out with ../ lands where the test can see it. */
let top: string;
let ws: string;

beforeAll(() => {
  top = makeTempDir();
  ws = path.join(top, 'a', 'b', 'c', 'ws');
  writeFiles(top, { README: '', 'a/b/c/ws/src/app.js': 'exports.handler = async () => 1;\n', 'a/b/c/ws/src/one.py': 'def handler(e, c):\n    return 1\n' });
});

afterAll(() => removeTempDir(top));

/** Files a load wrote where it should not: anywhere but the workspace's .faaslab/inline/<Id> and .faaslab/file-code/<Id>. */
function strayFiles(): string[] {
  const out: string[] = [];
  const allowed = (rel: string) => /^a\/b\/c\/ws\/(template\.yaml|src|\.faaslab(\/(inline|file-code)(\/[A-Za-z0-9]+(\/.*)?)?)?)$/s.test(rel) || rel === 'README';
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(top, full).split(path.sep).join('/');
      if (`${ws}${path.sep}`.startsWith(`${full}${path.sep}`) || (entry.isDirectory() && allowed(rel) && !rel.startsWith('a/b/c/ws/src'))) walk(full);
      else if (!allowed(rel)) out.push(rel);
    }
  };
  walk(top);
  return out;
}

async function validate(text: string): Promise<Validation> {
  writeFileSync(path.join(ws, 'template.yaml'), text);
  rmSync(path.join(ws, '.faaslab'), { recursive: true, force: true });
  return validateWorkspace(ws);
}

/** What every answer must be: JSON, valid exactly when no problem is an error, every error located. */
function checkAnswer(result: Validation, text: string): void {
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  expect(result.valid).toBe(!result.problems.some((p) => p.severity === 'error'));
  if (!result.valid) expect(result.problems.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const p of result.problems) {
    expect(typeof p.message === 'string' && p.message !== '').toBe(true);
    const at = /:(\d+):(\d+)$/.exec(p.where);
    if (p.severity === 'error') expect(at, `error without line and column: ${p.where}: ${p.message}`).not.toBeNull();
    if (at) {
      expect(Number(at[1])).toBeGreaterThanOrEqual(1);
      expect(Number(at[1])).toBeLessThanOrEqual(lines);
      expect(Number(at[2])).toBeGreaterThanOrEqual(1);
    }
  }
  for (const f of result.functions) expect(typeof f.logicalId).toBe('string');
  const stray = strayFiles();
  // Removed before the verdict, so one escape does not fail every later run (and shrinking finds the smallest).
  for (const rel of stray) rmSync(path.join(top, rel), { recursive: true, force: true });
  expect(stray).toEqual([]);
}

describe('fuzz: the template loader', () => {
  it('answers mutated templates with functions or located errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
        const text = mutate(SEED_TEMPLATE, mutations);
        checkAnswer(await validate(text), text);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('answers structured templates of random resources and properties of any type', async () => {
    await fc.assert(
      fc.asyncProperty(structuredTemplate, async (template) => {
        const text = emitTemplate(template as Record<string, Value>);
        checkAnswer(await validate(text), text);
      }),
      { seed: FUZZ_SEED, numRuns: 2 * RUNS },
    );
  });

  it('answers arbitrary text, deep nesting, huge strings and alias bombs', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer({ min: 1, max: 20_000 }).map((n) => `Resources: ${'['.repeat(n)}${']'.repeat(n)}\n`),
      fc.integer({ min: 1, max: 5_000 }).map((n) => `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`),
      fc
        .integer({ min: 1, max: 3_000 })
        .map((n) => `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment: { Variables: { X: ${'!Sub ['.repeat(n)}x${']'.repeat(n)} } }\n`),
      fc
        .integer({ min: 1, max: 4_000_000 })
        .map((n) => `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      CodeUri: src\n      Handler: app.${'x'.repeat(n)}\n`),
      fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 })).map(([levels, fanOut]) => billionLaughs(levels, fanOut)),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        checkAnswer(await validate(text), text);
      }),
      { seed: FUZZ_SEED, numRuns: runs(60) },
    );
  });

  it('rejects a billion-laughs document with a located error instead of expanding it', async () => {
    const text = billionLaughs(9, 10);
    const result = await validate(text);
    checkAnswer(result, text);
    expect(result.valid).toBe(false);
    expect(result.problems[0]!.message).toMatch(/alias/i);
  });
});
