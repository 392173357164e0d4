/**
 * A Python function's requirements.txt, installed as `sam build` does (pip install -r ...
 * --target) into a cached folder keyed by the requirements and the interpreter; the runtime puts
 * it on sys.path right after the task root, where Lambda has the same files in /var/task.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cached, contentHash } from './build-cache.js';
import type { InstallContext } from './node-dependencies.js';
import { InstallError, runInstaller } from './run-installer.js';

export async function pythonDependencies(codeDir: string, python: string, ctx: InstallContext): Promise<string | undefined> {
  const file = path.join(codeDir, 'requirements.txt');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  if (!text.split('\n').some((line) => line.trim() && !line.trim().startsWith('#'))) return undefined;
  // Relative paths in the file (./vendor/pkg) are read from the code folder: it is in the key.
  const key = contentHash([text, python, /(^|\s)(\.{1,2}\/|file:)/m.test(text) ? codeDir : '']);
  return cached(ctx.cacheDir, 'deps-python', key, async (work) => {
    ctx.progress(`installing the requirements of ${file}`);
    try {
      await runInstaller(python, ['-m', 'pip', 'install', '-r', file, '--target', work, '--disable-pip-version-check', '--no-input', '--no-compile'], {
        cwd: codeDir,
        env: ctx.env,
        progress: ctx.progress,
      });
    } catch (err) {
      if (err instanceof InstallError && /No module named pip/.test(err.output)) {
        throw new InstallError(err.command, `${err.output}\n${python} has no pip: install it (Debian: sudo apt-get install -y python3-pip) or set FAASLAB_PYTHON to an interpreter with pip`);
      }
      throw err;
    }
  });
}
