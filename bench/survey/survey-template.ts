/**
 * One template of the survey: loaded as the workspace loader loads it, each Node.js and Python
 * function invoked once with {} through an Engine of its own, one after the other.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Engine } from '../../electron/engine/engine.js';
import { loadWorkspace, problemsByFunction } from '../../electron/workspace/read/template-loader.js';
import { classifyRecord, classifyThrown, familyOf, templateNotLoaded, withLoaderWarnings, type Family, type Outcome } from './classify.js';
import type { FunctionResult } from './summary.js';

export interface SurveyOptions {
  corpus: string;
  cacheDir: string;
  family?: Family;
  /** Longest a function may run here (the survey's cap on its Timeout). */
  maxTimeoutSeconds?: number;
  /** How long one invocation, installs included, may take before the survey gives up on it. */
  guardMs?: number;
  progress?: (line: string) => void;
}

const RUNTIME_LINE = /^\s*Runtime:\s*["']?((?:nodejs|python)[\w.]*)/gm;

/** A template that did not load still counts: once per Runtime line it holds. */
async function runtimesInText(templatePath: string): Promise<string[]> {
  const text = await readFile(templatePath, 'utf8').catch(() => '');
  return [...text.matchAll(RUNTIME_LINE)].map((m) => m[1]!);
}

function withGuard<T>(promise: Promise<T>, ms: number): Promise<T | 'guard'> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'guard'>((resolve) => (timer = setTimeout(() => resolve('guard'), ms)));
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

export async function surveyTemplate(templatePath: string, opts: SurveyOptions): Promise<FunctionResult[]> {
  const dir = path.dirname(templatePath);
  const template = path.relative(opts.corpus, dir) || '.';
  const wanted = (runtime: string) => {
    const family = familyOf(runtime);
    return family && (!opts.family || opts.family === family) ? family : undefined;
  };
  let ws;
  try {
    ws = await loadWorkspace(dir);
  } catch (err) {
    const outcome = templateNotLoaded((err as Error).message);
    return (await runtimesInText(templatePath))
      .filter((runtime) => wanted(runtime))
      .map((runtime, i) => ({ template, function: `(function ${i + 1})`, runtime, family: wanted(runtime)!, ...outcome }));
  }
  const cap = opts.maxTimeoutSeconds ?? 30;
  const functions = ws.functions.filter((f) => wanted(f.runtime)).map((f) => ({ ...f, timeoutSeconds: Math.min(f.timeoutSeconds, cap) }));
  if (!functions.length) return [];
  const engine = new Engine({ functions, problems: problemsByFunction(ws), spareProcesses: 0, cacheDir: opts.cacheDir });
  const results: FunctionResult[] = [];
  try {
    for (const fn of functions) {
      let outcome: Outcome;
      try {
        const result = await withGuard(engine.invoke(fn.logicalId, { payload: '{}' }), opts.guardMs ?? 10 * 60_000);
        outcome = result === 'guard' ? { reached: false, reason: 'survey gave up (install or run too long)' } : classifyRecord(result.record);
      } catch (err) {
        outcome = classifyThrown(err);
      }
      outcome = withLoaderWarnings(
        outcome,
        ws.problems.filter((p) => p.logicalId === fn.logicalId && p.severity === 'warning').map((p) => p.message),
      );
      results.push({ template, function: fn.logicalId, runtime: fn.runtime, family: wanted(fn.runtime)!, ...outcome });
      opts.progress?.(`${fn.logicalId} (${fn.runtime}): ${outcome.reason}${outcome.detail && !outcome.reached ? ` - ${outcome.detail}` : ''}`);
    }
  } finally {
    await engine.close();
  }
  return results;
}
