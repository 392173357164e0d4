/**
 * Property-based fuzzing of handler strings, as the Node.js runtime (handler-loader.ts) and the
 * Python runtime (faaslab_runtime.load_handler) split and load them: any string gives a function
 * of a module inside the task root, or one of Lambda's Runtime.* errors (Python: an InitFailure
 * that carries its error type); never a module outside the code folder through `..`, and never
 * an exception of the loader's own.
 *
 * An absolute handler (/opt/nodejs/node_modules/x/handler.h) is resolved from the file system
 * root by Lambda's Node.js runtime, which layers such as Datadog's rely on: faaslab loads it too,
 * and the property checks that nothing else can leave the task root.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadHandler } from '../../electron/engine/runtimes/node/handler-loader.js';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';
import { FUZZ_SEED, runs, TRICKY } from './arbitraries.js';

const RUNS = runs(300);
const PYTHON_DIR = fileURLToPath(new URL('../../electron/engine/runtimes/python/', import.meta.url));

let top: string;
let root: string;

const NODE_MODULE = (where: string) => `exports.handler = Object.assign(async () => 1, { file: __filename, where: '${where}' });\nexports.nested = { fn: exports.handler };\nexports.notFn = 1;\n`;
const PY_MODULE = 'def handler(event, context):\n    return 1\n\nnot_fn = 1\n';

beforeAll(() => {
  top = makeTempDir();
  root = path.join(top, 'task');
  writeFiles(top, {
    'outside.js': NODE_MODULE('outside'),
    'outside.py': PY_MODULE,
    'task/app.js': NODE_MODULE('inside'),
    'task/lib/mod.js': NODE_MODULE('inside'),
    'task/lib/dir/index.js': NODE_MODULE('inside'),
    'task/esm.mjs': 'export const handler = Object.assign(async () => 1, { where: "inside" });\n',
    'task/broken.js': 'exports.handler = (;\n',
    'task/app.py': PY_MODULE,
    'task/pkg/__init__.py': '',
    'task/pkg/mod.py': PY_MODULE,
    'task/broken.py': 'def handler(:\n',
  });
});

afterAll(() => removeTempDir(top));

const NAMES = ['app', 'lib', 'mod', 'dir', 'esm', 'broken', 'pkg', 'outside', 'task', 'handler', 'nested', 'fn', 'notFn', 'not_fn', 'index', 'js', 'py'];
const SEPARATORS = ['.', '/', '', '..', '../', './', '//', '\\', '\u0000', '%2e%2e/', '%2F'];

/** Module parts that exist (or almost), and export paths, so loads succeed as well as fail. */
const MODULES = ['app', 'lib/mod', 'lib/dir', 'lib', 'esm', 'broken', 'pkg/mod', 'pkg', 'outside', '../outside', './app', 'lib/../app', 'lib//mod', 'task/app', '/app'];
const EXPORTS = ['handler', 'nested.fn', 'notFn', 'not_fn', 'nope', '', 'handler.', 'nested'];
const SHORT_TRICKY = TRICKY.filter((t) => t.length < 100);

/** Handler strings made of the fixture's names, path syntax and tricky text; the absolute forms name files that exist. */
const handlerString = (absolute: () => string[]) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom(...MODULES),
            fc.array(fc.constantFrom(...NAMES, '..', '.', '', ...SHORT_TRICKY), { minLength: 1, maxLength: 3 }).map((d) => d.join('/')),
          ),
          fc.oneof(
            fc.constantFrom(...EXPORTS),
            fc.array(fc.constantFrom(...NAMES, ''), { minLength: 1, maxLength: 3 }).map((e) => e.join('.')),
          ),
          fc.option(fc.tuple(fc.nat(), fc.constantFrom(...SEPARATORS, ...SHORT_TRICKY))),
        )
        .map(([module, exported, splice]) => {
          const text = `${module}.${exported}`;
          if (!splice) return text;
          const at = splice[0] % (text.length + 1);
          return text.slice(0, at) + splice[1] + text.slice(at);
        }),
    },
    { weight: 3, arbitrary: fc.array(fc.constantFrom(...NAMES, ...SEPARATORS, ...SHORT_TRICKY), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom(...absolute()) },
  );

const NODE_ERRORS = ['Runtime.MalformedHandlerName', 'Runtime.ImportModuleError', 'Runtime.HandlerNotFound', 'Runtime.UserCodeSyntaxError'];

describe('fuzz: Node.js handler strings', () => {
  it('load a function of the task root or fail with a Runtime error; never a module outside it by a relative path', async () => {
    const absolute = () => [`${top}/outside.handler`, `${root}/app.handler`, `${root}/../outside.handler`, `${root}/lib/mod.nested.fn`];
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(handlerString(absolute), async (handler) => {
        let loaded: ((...args: unknown[]) => unknown) & { file?: string; where?: string };
        try {
          loaded = (await loadHandler(root, handler)) as typeof loaded;
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          expect(NODE_ERRORS, `${handler}: ${(err as Error).name}: ${(err as Error).message}`).toContain((err as Error).name);
          count((err as Error).name);
          return;
        }
        count('loaded');
        expect(typeof loaded).toBe('function');
        expect(handler.includes('..')).toBe(false);
        if (path.isAbsolute(handler)) {
          // Lambda's rule: the module part of an absolute handler is a path from /, taken as written.
          const modulePart = handler.slice(0, handler.indexOf('.', handler.lastIndexOf('/') + 1));
          if (loaded.file) expect(loaded.file.startsWith(path.resolve(modulePart))).toBe(true);
        } else {
          expect(loaded.where, `${JSON.stringify(handler)} loaded ${loaded.file}`).toBe('inside');
          if (loaded.file) expect(loaded.file.startsWith(`${root}${path.sep}`)).toBe(true);
        }
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
    // The runs reached every outcome, so the property checked loads as well as refusals.
    expect([...outcomes.keys()].sort()).toEqual(['loaded', ...NODE_ERRORS].sort());
  });
});

/**
 * One Python process for the whole property: it reads a handler per line (JSON) and answers what
 * load_handler made of it, so each run costs a line, not an interpreter start.
 */
const PY_HARNESS = `
import json, os, sys
sys.path.insert(0, ${JSON.stringify(PYTHON_DIR)})
import faaslab_runtime
root = sys.argv[1]
own = os.path.dirname(os.path.abspath(faaslab_runtime.__file__))
sys.path[:] = [root] + [p for p in sys.path if p and p != own]
for line in sys.stdin:
    handler = json.loads(line)
    try:
        fn = faaslab_runtime.load_handler(handler)
        module = sys.modules.get(getattr(fn, "__module__", None) or "")
        out = {"ok": True, "file": getattr(module, "__file__", None)}
    except faaslab_runtime.InitFailure as failure:
        out = {"errorType": failure.body["errorType"]}
    except BaseException as e:
        out = {"uncaught": type(e).__name__ + ": " + str(e)}
    sys.stdout.write(json.dumps(out) + "\\n")
    sys.stdout.flush()
`;

class PythonLoader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly waiting: Array<(line: string) => void> = [];

  constructor(taskRoot: string) {
    this.child = spawn('/usr/bin/python3', ['-c', PY_HARNESS, taskRoot], { cwd: taskRoot });
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.waiting.shift()?.(line));
  }

  load(handler: string): Promise<{ ok?: true; file?: string | null; errorType?: string; uncaught?: string }> {
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(JSON.parse(line)));
      this.child.stdin.write(`${JSON.stringify(handler)}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
    this.lines.close();
  }
}

describe('fuzz: Python handler strings', () => {
  it('load a function of the task root (or a module on sys.path, as Lambda does) or fail with an InitFailure; never the file beside the task root', async () => {
    const loader = new PythonLoader(root);
    const seen = new Set<string>();
    try {
      const absolute = () => [`${top}/outside.handler`, `${root}/app.handler`, '/outside.handler'];
      const handlers = fc.oneof(handlerString(absolute), fc.constantFrom('app.handler', 'pkg/mod.handler', 'pkg.mod.handler', 'app.not_fn', 'broken.handler', '.app.handler', '/app.handler'));
      await fc.assert(
        fc.asyncProperty(handlers, async (handler) => {
          const out = await loader.load(handler);
          seen.add(out.ok ? 'loaded' : (out.errorType ?? 'uncaught'));
          expect(out.uncaught, `${JSON.stringify(handler)}: ${out.uncaught}`).toBeUndefined();
          if (!out.ok) {
            expect(typeof out.errorType).toBe('string');
            return;
          }
          // A module of the task root, or one Python finds on sys.path by a dotted name (the standard library).
          if (out.file) expect(out.file.startsWith(`${top}${path.sep}`) ? out.file.startsWith(`${root}${path.sep}`) : true, `${JSON.stringify(handler)} loaded ${out.file}`).toBe(true);
        }),
        { seed: FUZZ_SEED, numRuns: RUNS },
      );
      expect([...seen].filter((k) => k === 'loaded' || k.startsWith('Runtime.')).sort()).toEqual([
        'Runtime.HandlerNotFound',
        'Runtime.ImportModuleError',
        'Runtime.MalformedHandlerName',
        'Runtime.UserCodeSyntaxError',
        'loaded',
      ]);
      // The harness answers what load_handler does (it cannot pass by answering nothing).
      expect(await loader.load('app.handler')).toEqual({ ok: true, file: path.join(root, 'app.py') });
      expect(await loader.load('../outside.handler')).toEqual({ errorType: 'Runtime.MalformedHandlerName' });
    } finally {
      loader.close();
    }
  });
});
