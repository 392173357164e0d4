/**
 * `npm run survey -- <corpus dir> [--limit N] [--out FILE] [--runtime nodejs|python] [--cache-dir DIR]`
 *
 * Issue 11's measure: of the Node.js and Python functions of SAM applications nobody on the
 * team wrote, how many reach their handler. Every template.yaml under the corpus folder is
 * loaded as a workspace and each of its functions invoked once with {} (no local AWS endpoint:
 * their AWS calls may fail, which still counts as reached). One template at a time, functions in
 * sequence, installs into a fresh cache shared by the run. Progress goes to stderr, a table to
 * stdout, the JSON summary to bench/results/sam-survey.json (or --out), rewritten after every
 * template so a stopped run still leaves its figures.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../electron/engine/assets.js';
import type { Family } from './survey/classify.js';
import { surveyTemplate } from './survey/survey-template.js';
import { summarize, table, type FunctionResult } from './survey/summary.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const valued = new Set(['--limit', '--out', '--runtime', '--cache-dir']);
const corpusArg = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
if (!corpusArg) {
  process.stderr.write('usage: npm run survey -- <corpus dir> [--limit N] [--out FILE] [--runtime nodejs|python] [--cache-dir DIR]\n');
  process.exit(2);
}
const runtime = option('--runtime');
if (runtime && runtime !== 'nodejs' && runtime !== 'python') {
  process.stderr.write(`--runtime must be nodejs or python, got ${runtime}\n`);
  process.exit(2);
}
const corpus = path.resolve(corpusArg);
const limit = option('--limit') ? Number(option('--limit')) : Infinity;
const out = path.resolve(option('--out') ?? path.join(packageRoot(), 'bench', 'results', 'sam-survey.json'));
const cacheDir = option('--cache-dir') ?? mkdtempSync(path.join(os.tmpdir(), 'faaslab-survey-cache-'));

/** Every template.yaml under the folder, in path order; node_modules and dot folders skipped. */
function findTemplates(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) found.push(...findTemplates(path.join(dir, entry.name)));
    else if (entry.isFile() && entry.name === 'template.yaml') found.push(path.join(dir, entry.name));
  }
  return found;
}

const all = findTemplates(corpus);
const templates = all.slice(0, limit);
const results: FunctionResult[] = [];
const startedAt = new Date().toISOString();

function write(covered: number): void {
  const report = {
    corpus,
    startedAt,
    updatedAt: new Date().toISOString(),
    runtime: runtime ?? 'nodejs+python',
    templates: { found: all.length, selected: templates.length, covered },
    cacheDir,
    ...summarize(results),
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
}

process.stderr.write(`survey: ${templates.length} of ${all.length} templates, cache ${cacheDir}\n`);
for (const [i, templatePath] of templates.entries()) {
  const label = `[${i + 1}/${templates.length}] ${path.relative(corpus, path.dirname(templatePath))}`;
  const mine = await surveyTemplate(templatePath, {
    corpus,
    cacheDir,
    ...(runtime ? { family: runtime as Family } : {}),
    progress: (line) => process.stderr.write(`${label} ${line}\n`),
  });
  for (const r of mine) if (r.reason === 'template did not load') process.stderr.write(`${label} ${r.function}: ${r.reason} - ${r.detail}\n`);
  if (!mine.length) process.stderr.write(`${label} no Node.js or Python functions\n`);
  results.push(...mine);
  write(i + 1);
}
process.stdout.write(`${table(summarize(results))}\n`);
process.stderr.write(`survey: written ${out}\n`);
