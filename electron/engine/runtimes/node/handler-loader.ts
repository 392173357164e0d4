import { existsSync, readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuntimeError } from './errors.js';

export type Handler = (event: unknown, context: object, callback: (err?: unknown, result?: unknown) => void) => unknown;

/**
 * Resolves a handler string the way Lambda's Node.js runtime does (ARCHITECTURE.md, Lambda behaviour 6):
 * "dir/file.export.nested" -> module dir/file, tried extensionless, .js, .mjs, .cjs.
 */
export async function loadHandler(taskRoot: string, handlerString: string): Promise<Handler> {
  if (handlerString.includes('..')) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `'${handlerString}' is not a valid handler name. Use the format: MODULE.FUNCTION`);
  }
  const slash = handlerString.lastIndexOf('/');
  const dot = handlerString.indexOf('.', slash + 1);
  if (dot === -1) {
    throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  }
  const modulePath = handlerString.slice(0, dot);
  const exportPath = handlerString.slice(dot + 1);
  const mod = await loadModule(taskRoot, modulePath);

  let target: unknown = mod;
  for (const part of exportPath.split('.')) {
    target = target == null ? undefined : (target as Record<string, unknown>)[part];
  }
  if (target === undefined) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${modulePath}.${exportPath} is undefined or not exported`);
  }
  if (typeof target !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${modulePath}.${exportPath} is not a function`);
  }
  return target as Handler;
}

async function loadModule(taskRoot: string, modulePath: string): Promise<unknown> {
  const base = path.resolve(taskRoot, modulePath);
  if (!['', '.js', '.mjs', '.cjs'].some((ext) => existsSync(base + ext))) {
    throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  }
  try {
    if (existsSync(`${base}.mjs`)) return await importEsm(`${base}.mjs`);
    if (existsSync(`${base}.cjs`)) return requireFrom(taskRoot, `${base}.cjs`);
    if (existsSync(`${base}.js`)) {
      return isEsmScope(path.dirname(base), taskRoot) ? await importEsm(`${base}.js`) : requireFrom(taskRoot, `${base}.js`);
    }
    return requireFrom(taskRoot, base);
  } catch (err) {
    throw classifyLoadError(err);
  }
}

/**
 * ES modules resolve packages through NODE_PATH too (layers, the runtime's AWS SDK), as on
 * Lambda's Node.js 18+ runtimes. Node needs resolution hooks for that, which cost a thread and
 * tens of milliseconds of init: they are registered only when the module's own imports fail to
 * resolve a package, and the module is then loaded again (no code of it ran: linking failed).
 */
async function importEsm(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  try {
    return await import(url);
  } catch (err) {
    const folders = (process.env.NODE_PATH ?? '').split(path.delimiter).filter(Boolean);
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !folders.length || hooksRegistered) throw err;
    hooksRegistered = true;
    register(pathToFileURL(path.join(__dirname, 'esm-node-path-hooks.mjs')).href, { data: { folders } });
    return import(`${url}?node-path`);
  }
}

let hooksRegistered = false;

function requireFrom(taskRoot: string, file: string): unknown {
  return createRequire(path.join(taskRoot, 'noop.js'))(file);
}

/** The nearest package.json decides; Lambda stops at the task root, and so do we. */
function isEsmScope(dir: string, taskRoot: string): boolean {
  let current = dir;
  for (;;) {
    const pkg = path.join(current, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (current === taskRoot || path.dirname(current) === current) return false;
    current = path.dirname(current);
  }
}

function classifyLoadError(err: unknown): Error {
  if (err instanceof SyntaxError) {
    return new RuntimeError('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`, err);
  }
  const code = (err as { code?: string } | null)?.code;
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    const message = (err as Error).message;
    // Lambda's runtime has every client of the SDK; faaslab ships the ones functions use most.
    const client = /Cannot find (?:module|package) '(@aws-sdk\/[^'/]+)/.exec(message)?.[1];
    const hint = client ? ` (faaslab provides the AWS SDK clients functions use most, not ${client}: add it to the function's package.json)` : '';
    return new RuntimeError('Runtime.ImportModuleError', `Error: ${message}${hint}`, err);
  }
  return err instanceof Error ? err : new Error(String(err));
}
