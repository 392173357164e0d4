import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

/**
 * ARCHITECTURE.md's first rule: imports flow renderer -> shared <- electron. shared/ is pure (no Node,
 * no DOM, no Electron); renderer/ never reaches into electron/ or Node; only the three shell
 * files import 'electron'. A regex scan of import specifiers is enough for this and needs no
 * TypeScript compiler API (TypeScript 7 has none).
 *
 * Inside electron/ the folders are layers (ELECTRON_LAYERS): a file imports its own layer and the
 * layers below it that its row allows, never one above, so each layer can be read, tested and
 * changed knowing only what is under it.
 */
export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

export interface ElectronLayer {
  name: string;
  /** Folders (ending in '/') and files of electron/ that belong to the layer. */
  paths: string[];
  /** Layers it may import besides its own. */
  may: string[];
  /** Layers it may import types from (`import type`, `export type`), and nothing else. */
  types?: string[];
}

/**
 * electron/'s layers, bottom to top. A new folder (or top-level file) of electron/ belongs in one
 * row: a file in no layer fails the check. The engine and the workspace (template.yaml read and
 * edited) sit side by side: neither needs the other.
 */
export const ELECTRON_LAYERS: readonly ElectronLayer[] = [
  { name: 'base', paths: ['electron/base/'], may: [] },
  { name: 'engine', paths: ['electron/engine/'], may: ['base'] },
  { name: 'workspace', paths: ['electron/workspace/'], may: ['base'] },
  { name: 'store', paths: ['electron/store/'], may: ['base'], types: ['engine'] },
  { name: 'triggers', paths: ['electron/triggers/'], may: ['base', 'engine', 'workspace', 'store'] },
  { name: 'local-aws', paths: ['electron/local-aws/'], may: ['base', 'engine', 'workspace', 'triggers'] },
  { name: 'services', paths: ['electron/services/'], may: ['base', 'engine', 'workspace', 'store', 'triggers', 'local-aws'] },
  { name: 'servers', paths: ['electron/servers/'], may: ['base', 'engine', 'workspace', 'store', 'triggers', 'local-aws', 'services'] },
  { name: 'cli', paths: ['electron/cli/', 'electron/cli.ts'], may: ['base', 'engine', 'workspace', 'store', 'triggers', 'local-aws', 'services', 'servers'] },
  {
    name: 'shell',
    paths: ['electron/main.ts', 'electron/preload.ts', 'electron/window.ts', 'electron/window-options.ts'],
    may: ['base', 'engine', 'workspace', 'store', 'triggers', 'local-aws', 'services', 'servers', 'cli'],
  },
];

export function electronLayerOf(file: string): ElectronLayer | undefined {
  return ELECTRON_LAYERS.find((l) => l.paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
}

const SHELL_FILES = new Set(['electron/main.ts', 'electron/preload.ts', 'electron/window.ts']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT_PATTERN =
  /(?:^|[^\w.])(?:import|export)\s+(type\s+)?[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

export interface ImportRef {
  specifier: string;
  line: number;
  /** `import type` or `export type`: erased from the JavaScript, so it loads nothing. */
  typeOnly: boolean;
}

export function importsOf(source: string): ImportRef[] {
  const out: ImportRef[] = [];
  for (const m of source.matchAll(IMPORT_PATTERN)) {
    const specifier = m[2] ?? m[3] ?? m[4] ?? m[5];
    if (specifier) out.push({ specifier, line: source.slice(0, m.index + m[0].indexOf(specifier)).split('\n').length, typeOnly: m[1] !== undefined });
  }
  return out;
}

/** A file in no layer, or an import of one, is named by its folder (or itself, at the top). */
function noLayer(file: string): string {
  const parts = file.split('/');
  const where = parts.length > 2 ? `${parts.slice(0, 2).join('/')}/` : file;
  return `${where} is in no layer: add it to ELECTRON_LAYERS in test/layering/check-layering.ts`;
}

function layerRule(from: ElectronLayer, to: ElectronLayer, typeOnly: boolean): string | undefined {
  if (from === to || from.may.includes(to.name)) return undefined;
  const allowed = [...from.may, ...(from.types ?? []).map((t) => `${t} (types only)`)];
  const below = `${from.name} may import ${allowed.length ? allowed.join(', ') : 'no other layer'}`;
  if (from.types?.includes(to.name)) return typeOnly ? undefined : `${from.name} may import only types from ${to.name}: use import type`;
  return `${from.name} may not import ${to.name}: electron/'s layers import only downward, and ${below}`;
}

/** Checks one file, given its path relative to the project root (with forward slashes). */
export function checkFile(file: string, source: string): Violation[] {
  const layer = file.split('/')[0];
  const violations: Violation[] = [];
  const from = layer === 'electron' ? electronLayerOf(file) : undefined;
  if (layer === 'electron' && !from) {
    violations.push({ file, line: 1, specifier: '', rule: noLayer(file) });
  }
  for (const { specifier, line, typeOnly } of importsOf(source)) {
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
    if (from && target && targetLayer === 'electron') {
      const targetFile = toSourcePath(target);
      const to = electronLayerOf(targetFile);
      const rule = to ? layerRule(from, to, typeOnly) : noLayer(targetFile);
      if (rule) add(rule);
    }
  }
  return violations;
}

/** The source file an import names: './x.js' is x.ts (a folder or other file stays as it is). */
function toSourcePath(target: string): string {
  return target.replace(/\.js$/, '.ts');
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
