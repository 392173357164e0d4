/**
 * Module resolution hooks for ES modules: Node resolves a bare specifier from the importing file's
 * folders only and ignores NODE_PATH, but Lambda's Node.js runtimes (18 and later) also find
 * packages of layers (/opt/nodejs/...) and of the runtime (the AWS SDK) from ES modules. When
 * Node's own resolution fails, these hooks try each NODE_PATH folder in order.
 */
import { pathToFileURL } from 'node:url';

interface ResolveContext {
  parentURL?: string;
  [key: string]: unknown;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<unknown>;

let folders: string[] = [];

export async function initialize(data: { folders: string[] }): Promise<void> {
  folders = data.folders;
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<unknown> {
  try {
    return await next(specifier, context);
  } catch (err) {
    const bare = !/^(\.|\/|[a-zA-Z]:[\\/]|file:|node:|data:)/.test(specifier);
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !bare) throw err;
    for (const folder of folders) {
      try {
        // As if imported by a file in the folder's parent: Node then looks in the folder itself.
        return await next(specifier, { ...context, parentURL: pathToFileURL(`${folder}/../faaslab-resolve.mjs`).href });
      } catch {
        // not in this folder
      }
    }
    throw err;
  }
}
