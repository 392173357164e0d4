#!/usr/bin/env node
/**
 * Proves the fresh-machine path of .ci/run: finds every program that the tests, examples, bench
 * and host code start (literal spawn/exec targets, /usr/bin paths, `command -v`, and the commands
 * of every shell script, whether a file or a string in a test), and checks that each is either on
 * a fresh machine of this kind or provided by a package in .ci/system-packages, which .ci/run
 * installs. Exit 1, naming the program and where it is used, when one is neither.
 *
 * Usage: node scripts/check-system-packages.mjs [--root DIR] [--json]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * On every fresh machine of this kind (Debian with Node.js): coreutils, util-linux, procps,
 * findutils, grep, sed, mawk, tar, gzip, git, python3, make, g++ and the shell. Anything else a
 * test needs must be in .ci/system-packages.
 */
export const BASE_PROGRAMS = new Set(
  (
    'sh bash dash env node npm npx git python3 make cc gcc g++ c++ ' +
    'awk mawk grep sed tr cut head tail cat tee wc sort uniq mktemp rm mv cp ln ls mkdir rmdir touch chmod chown ' +
    'sleep kill ps pgrep pkill true false printf echo test [ dirname basename readlink realpath date id whoami ' +
    'uname xargs find tar gzip yes seq stat timeout nproc od dd sync nohup setsid prlimit apt-get dpkg-query'
  ).split(/\s+/),
);

/** Words a shell line can start with that are not programs. */
const SHELL_WORDS = new Set(
  (
    'if then else elif fi while until do done for in case esac function select time ! { } ( ) [[ ]] ' +
    'set unset trap exec eval export readonly local return exit cd pwd read shift break continue wait ' +
    'source . : alias umask getopts command type hash ulimit let declare typeset'
  ).split(/\s+/),
);

const SELF = new Set(['scripts/check-system-packages.mjs', 'test/scripts/check-system-packages.test.ts']);
const SCANNED = ['test', 'examples', 'bench', 'electron', 'scripts', 'shared'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'test-results', 'results', '.faaslab']);
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|sh)$/;

export function readManifest(text) {
  const packages = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [pkg, command, ...why] = line.split(/\s+/);
    packages.push({ package: pkg, command: command === '-' ? undefined : command, why: why.join(' ') });
  }
  return packages;
}

/** The commands a shell script runs: the first word of each simple command. */
export function shellCommands(script) {
  const out = new Set();
  const body = script.replace(/^#!.*\n/, '');
  for (const raw of body.split('\n')) {
    // $(( ... )) is arithmetic, not a command.
    const line = raw.replace(/(^|\s)#.*$/, '').replace(/\$\(\([^)]*\)\)/g, '0');
    // Each piece after a separator or inside $( ... ) starts a command.
    for (let piece of line.split(/\|\||&&|[|;]|\$\(|`/)) {
      piece = piece.trim().replace(/^[({]\s*/, '');
      const words = piece.split(/\s+/).filter(Boolean);
      while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
      if (words[0] === 'exec' || (words[0] === 'command' && words[1] !== '-v')) words.shift();
      const word = words[0]?.replace(/["')]+$/, '');
      if (!word || SHELL_WORDS.has(word)) continue;
      // Variables, quoted strings, paths to the script's own files and redirections are no programs.
      if (/^[$"'<>&\\\d)}\]-]/.test(word) || word.startsWith('./') || word.includes('${')) continue;
      if (!/^[A-Za-z0-9_./+-]+$/.test(word)) continue;
      out.add(word.includes('/') ? path.posix.basename(word) : word);
    }
  }
  return out;
}

/** Shell scripts held in strings: '#!/bin/sh\n...' or a template literal starting with a shebang. */
function embeddedScripts(source) {
  const out = [];
  const re = /(['"`])#!\s*(?:\/usr\/bin\/env\s+)?\/?(?:usr\/)?(?:bin\/)?(?:ba)?sh(?:\\n|\n)([\s\S]*?)(?<!\\)\1/g;
  for (const m of source.matchAll(re)) {
    const text = m[1] === '`' ? m[2] : m[2].replace(/\\n/g, '\n').replace(/\\(["'\\])/g, '$1');
    out.push({ text, index: m.index });
  }
  return out;
}

/** Programs one file starts, each with the line it is named on. */
export function programsIn(file, source) {
  const found = [];
  const add = (name, index) => found.push({ program: name, file, line: source.slice(0, index).split('\n').length });
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(source);
  if (shebang) {
    const interp = path.posix.basename(shebang[1]);
    add(interp === 'env' && shebang[2] ? shebang[2] : interp, 0);
    if (/^(ba|da)?sh$/.test(interp)) for (const c of shellCommands(source)) add(c, source.indexOf(c));
  }
  if (!SOURCE_EXT.test(file) || file.endsWith('.sh')) return found;
  for (const m of source.matchAll(/\b(?:spawn|spawnSync|execFile|execFileSync|execa)\(\s*(['"`])([^'"`$]+)\1/g)) add(path.posix.basename(m[2]), m.index);
  for (const m of source.matchAll(/['"`](?:\/usr)?\/bin\/([a-z][a-z0-9.+-]*)['"`\s]/g)) add(m[1], m.index);
  for (const m of source.matchAll(/command -v ([a-z][a-z0-9.+-]*)/g)) add(m[1], m.index);
  // The host looks some programs up on PATH before it starts them (bwrap, prlimit).
  for (const m of source.matchAll(/\bfindProgram\(\s*'([a-z][a-z0-9.+-]*)'/g)) add(m[1], m.index);
  for (const s of embeddedScripts(source)) for (const c of shellCommands(s.text)) add(c, s.index);
  return found;
}

function walk(root, dir, out) {
  let names;
  try {
    names = readdirSync(path.join(root, dir));
  } catch {
    return;
  }
  for (const name of names) {
    if (SKIP_DIRS.has(name)) continue;
    const rel = `${dir}/${name}`;
    const info = statSync(path.join(root, rel));
    if (info.isDirectory()) walk(root, rel, out);
    else if (info.size < 1_000_000) out.push(rel);
  }
}

export function checkTree(root) {
  const manifest = readManifest(readFileSync(path.join(root, '.ci/system-packages'), 'utf8'));
  const byCommand = new Map(manifest.filter((p) => p.command).map((p) => [p.command, p.package]));
  const files = [];
  for (const dir of SCANNED) walk(root, dir, files);
  const uses = new Map();
  for (const file of files) {
    // The checker's comments and patterns, and its test's fixtures, name programs on purpose.
    if (SELF.has(file)) continue;
    const source = readFileSync(path.join(root, file), 'utf8');
    if (!SOURCE_EXT.test(file) && !source.startsWith('#!')) continue;
    for (const use of programsIn(file, source)) {
      if (!uses.has(use.program)) uses.set(use.program, []);
      uses.get(use.program).push(`${use.file}:${use.line}`);
    }
  }
  const programs = [...uses]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([program, where]) => ({
      program,
      from: byCommand.get(program) ?? (BASE_PROGRAMS.has(program) ? 'fresh machine' : undefined),
      where,
    }));
  const ciRun = readFileSync(path.join(root, '.ci/run'), 'utf8');
  const problems = programs
    .filter((p) => !p.from)
    .map(
      (p) =>
        `${p.program} is started by ${p.where.slice(0, 3).join(', ')}${p.where.length > 3 ? ` (+${p.where.length - 3} more)` : ''}, but no package in .ci/system-packages provides it and a fresh machine does not have it`,
    );
  if (!ciRun.includes('.ci/system-packages')) problems.push('.ci/run does not install the packages of .ci/system-packages');
  const unused = manifest.filter((p) => p.command && !uses.has(p.command)).map((p) => `${p.package} (${p.command}) is listed in .ci/system-packages but nothing starts ${p.command}`);
  problems.push(...unused);
  return { programs, packages: manifest, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? path.resolve(args[rootAt + 1]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = checkTree(root);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const width = Math.max(...result.programs.map((p) => p.program.length), 7);
    process.stdout.write(`${'PROGRAM'.padEnd(width)}  FROM\n`);
    for (const p of result.programs) process.stdout.write(`${p.program.padEnd(width)}  ${p.from ?? 'MISSING'}\n`);
  }
  for (const p of result.problems) process.stderr.write(`check-system-packages: ${p}\n`);
  process.exitCode = result.problems.length ? 1 : 0;
}
