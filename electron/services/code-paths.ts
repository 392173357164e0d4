/**
 * Paths inside a function's code folder. The contract's RelativePath already refuses `..` and
 * absolute paths; this also refuses a symlink that leads out of the folder, by comparing real
 * paths, so files.* can never read or write outside the code the user opened.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from './host-types.js';

export interface CodePath {
  /** The absolute path as given (symlinks not followed), for writes and renames. */
  abs: string;
  /** The same path relative to the code folder, with forward slashes. */
  rel: string;
}

export async function resolveInCodeDir(codeDir: string, rel: string): Promise<CodePath> {
  const root = path.resolve(codeDir);
  const abs = path.resolve(root, rel);
  if (abs === root) throw new HostError('ValidationError', 'the path names the code folder itself, not a file in it', { path: 'a file or folder inside the code folder' });
  const outside = () => new HostError('ValidationError', `${rel} is outside the function's code folder`, { path: 'the path must stay inside the code folder' });
  if (!abs.startsWith(root + path.sep)) throw outside();
  const realRoot = await realpath(root).catch(() => {
    throw new HostError('NotFound', `the code folder ${root} does not exist`);
  });
  // The nearest part of the path that exists decides where it really leads.
  let probe = abs;
  for (;;) {
    const real = await realpath(probe).catch(() => undefined);
    if (real !== undefined) {
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw outside();
      break;
    }
    probe = path.dirname(probe);
  }
  return { abs, rel: path.relative(root, abs).split(path.sep).join('/') };
}
