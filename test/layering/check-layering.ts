import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

/**
 * DESIGN.md's one rule: imports flow renderer -> shared <- electron. shared/ is pure (no Node,
 * no DOM, no Electron); renderer/ never reaches into electron/ or Node; only the three shell
 * files import 'electron'. A regex scan of import specifiers is enough for this and needs no
 * TypeScript compiler API (TypeScript 7 has none).
 */
export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

const SHELL_FILES = new Set(['electron/main.ts', 'electron/preload.ts', 'electron/window.ts']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT_PATTERN = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

export function importsOf(source: string): Array<{ specifier: string; line: number }> {
  const out: Array<{ specifier: string; line: number }> = [];
  for (const m of source.matchAll(IMPORT_PATTERN)) {
    const specifier = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (specifier) out.push({ specifier, line: source.slice(0, m.index + m[0].indexOf(specifier)).split('\n').length });
  }
  return out;
}

/** Checks one file, given its path relative to the project root (with forward slashes). */
export function checkFile(file: string, source: string): Violation[] {
  const layer = file.split('/')[0];
  const violations: Violation[] = [];
  for (const { specifier, line } of importsOf(source)) {
    const target = specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : undefined;
    const targetLayer = target?.split('/')[0];
    const add = (rule: string) => violations.push({ file, line, specifier, rule });
    if (specifier === 'electron' || specifier.startsWith('electron/')) {
      if (!SHELL_FILES.has(file)) add("only electron/main.ts, preload.ts and window.ts may import 'electron'");
    }
    if (layer === 'shared') {
      if (NODE_BUILTINS.has(specifier)) add('shared/ is pure TypeScript: no Node modules');
      if (targetLayer && targetLayer !== 'shared') add('shared/ imports nothing outside shared/');
    }
    if (layer === 'renderer') {
      if (NODE_BUILTINS.has(specifier)) add('renderer/ runs in the browser: no Node modules');
      if (targetLayer === 'electron') add('renderer/ talks to the host through shared/api, never electron/');
    }
    if (layer === 'electron' && targetLayer === 'renderer') add('electron/ does not import renderer/ code');
  }
  return violations;
}

export function sourceFiles(root: string, layers = ['shared', 'electron', 'renderer']): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(path.join(root, dir));
    } catch {
      return;
    }
    for (const name of entries) {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (/\.(ts|tsx|mts|cts)$/.test(name)) out.push(rel);
    }
  };
  layers.forEach(walk);
  return out;
}

export function checkProject(root: string): Violation[] {
  return sourceFiles(root).flatMap((file) => checkFile(file, readFileSync(path.join(root, file), 'utf8')));
}
