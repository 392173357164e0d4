/**
 * boto3 for Python functions, as Lambda's Python runtimes include it: Debian's python3-boto3
 * (pure Python, so it serves every interpreter version), exposed through a folder of links to
 * boto3 and the packages it imports, and nothing else of the system's site-packages, so a
 * function cannot import by accident what Lambda would not have. Made once per host, never
 * copied per function; the runtime appends it to sys.path after the task root and the layers,
 * where Lambda has /var/runtime.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What boto3 imports, Debian's build included (it uses the system's requests). */
const PACKAGES = ['boto3', 'botocore', 's3transfer', 'jmespath', 'dateutil', 'urllib3', 'six.py', 'requests', 'certifi', 'idna', 'charset_normalizer', 'chardet'];
const SOURCES = ['/usr/lib/python3/dist-packages', '/usr/local/lib/python3/dist-packages'];

export const BOTO3_INSTALL_HINT =
  "Lambda's Python runtimes include boto3, and this machine has none for faaslab to provide: install it with `sudo apt-get install -y python3-boto3` (or set FAASLAB_BOTO3_DIR to a folder that holds boto3)";

const made = new Map<string, string | undefined>();

/**
 * The folder to append to sys.path, or undefined when this machine has no boto3.
 * FAASLAB_BOTO3_DIR, when set, is the only place looked in.
 */
export function pythonSdkPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env.FAASLAB_BOTO3_DIR ?? '';
  if (made.has(key)) return made.get(key);
  const candidates = env.FAASLAB_BOTO3_DIR !== undefined ? [env.FAASLAB_BOTO3_DIR] : SOURCES;
  const source = candidates.find((dir) => !!dir && existsSync(path.join(dir, 'boto3', '__init__.py')));
  if (!source) {
    made.set(key, undefined);
    return undefined;
  }
  const target = path.join(os.tmpdir(), `faaslab-python-sdk-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`);
  mkdirSync(target, { recursive: true });
  const present = new Set(readdirSync(target));
  for (const name of PACKAGES) {
    if (present.has(name) || !existsSync(path.join(source, name))) continue;
    try {
      symlinkSync(path.join(source, name), path.join(target, name));
    } catch (err) {
      // Another host made the same link a moment ago.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  made.set(key, target);
  return target;
}
