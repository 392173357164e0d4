/**
 * Type definitions for IntelliSense, bundled at build time (never fetched): all of
 * @types/aws-lambda, and the part of @types/node a Lambda handler uses. Loaded lazily, as one
 * chunk, after the editor is up.
 */
const awsLambda = import.meta.glob('../../../node_modules/@types/aws-lambda/**/*.d.ts', { query: '?raw', import: 'default', eager: true });

const node = import.meta.glob(
  [
    '../../../node_modules/@types/node/index.d.ts',
    '../../../node_modules/@types/node/compatibility/*.d.ts',
    '../../../node_modules/@types/node/web-globals/*.d.ts',
    '../../../node_modules/@types/node/{globals,globals.typedarray,buffer.buffer}.d.ts',
    '../../../node_modules/@types/node/{assert,async_hooks,buffer,child_process,console,crypto,dns,events,fs,http,https,net,os,path,perf_hooks,process,querystring,readline,stream,string_decoder,timers,tls,url,util,worker_threads,zlib}.d.ts',
    '../../../node_modules/@types/node/{assert,dns,fs,readline,stream,timers}/*.d.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);

// fetch, Request, Response and friends in @types/node come from undici's types.
const undici = import.meta.glob('../../../node_modules/undici-types/*.d.ts', { query: '?raw', import: 'default', eager: true });

/** [file URI, content] pairs under file:///node_modules/, where the TypeScript worker resolves imports. */
export function typeLibraries(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, content] of Object.entries({ ...awsLambda, ...node, ...undici })) {
    const at = key.indexOf('node_modules/');
    if (at >= 0 && typeof content === 'string') out.push([`file:///${key.slice(at)}`, rewriteIndex(key, content)]);
  }
  return out;
}

/**
 * @types/node's index.d.ts references every module; ours references only the bundled ones, so
 * the worker does not look for files that are not there.
 */
function rewriteIndex(key: string, content: string): string {
  if (!key.endsWith('@types/node/index.d.ts')) return content;
  const present = new Set(Object.keys(node).map((k) => k.slice(k.indexOf('@types/node/') + '@types/node/'.length)));
  return content.replace(/^\/\/\/ <reference path="([^"]+)" \/>\s*$/gm, (line, file: string) => (present.has(file) || file.startsWith('compatibility/') ? line : ''));
}
