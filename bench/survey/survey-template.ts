/**
 * One template of the survey: loaded as the workspace loader loads it (parameters without a
 * Default given placeholder values, as a deployer would give some), each Node.js and Python
 * function invoked once with {} through an Engine of its own, one after the other.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Engine } from '../../electron/engine/engine.js';
import { loadWorkspaceTemplate, problemsByFunction, type Workspace } from '../../electron/workspace/read/template-loader.js';
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

/**
 * The values a deployer would have typed for parameters without a Default (sam deploy --guided
 * asks for them): the first allowed value, a number for Number, else a placeholder naming it.
 */
function placeholderParameters(sections: Record<string, unknown>): Record<string, string> {
  const declared = sections.Parameters;
  if (!declared || typeof declared !== 'object') return {};
  const values: Record<string, string> = {};
  for (const [name, decl] of Object.entries(declared as Record<string, Record<string, unknown> | null>)) {
    if (!decl || (decl.Default !== undefined && decl.Default !== null)) continue;
    const allowed = Array.isArray(decl.AllowedValues) ? decl.AllowedValues : [];
    const type = String(decl.Type ?? 'String');
    values[name] = allowed.length ? String(allowed[0]) : type === 'Number' ? String(decl.MinValue ?? 1) : `survey-${name.toLowerCase()}`;
  }
  return values;
}

/** The workspace as the loader reads it, with placeholders for the parameters nobody gave. */
async function load(dir: string): Promise<Workspace> {
  const first = await loadWorkspaceTemplate(dir);
  const overrides = placeholderParameters(first.template.sections());
  return Object.keys(overrides).length ? (await loadWorkspaceTemplate(dir, { parameterOverrides: overrides })).ws : first.ws;
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
    ws = await load(dir);
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
