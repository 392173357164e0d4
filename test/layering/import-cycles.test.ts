import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';

/**
 * `npm run lint` rejects import cycles among our modules (eslint.config.js). The rule follows an
 * import only into a file it resolves and parses, and ours name a '.ts' file by its '.js': these
 * show that it does, so a clean lint means no cycle rather than no look.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = makeTempDir();
afterAll(() => removeTempDir(dir));
let cases = 0;

async function cycleFindings(files: Record<string, string>): Promise<Record<string, string[]>> {
  const folder = writeFiles(path.join(dir, String(++cases)), files);
  const eslint = new ESLint({ cwd: folder, overrideConfigFile: path.join(root, 'eslint.config.js') });
  const results = await eslint.lintFiles(Object.keys(files));
  return Object.fromEntries(results.map((r) => [path.basename(r.filePath), r.messages.filter((m) => m.ruleId === 'import-x/no-cycle').map((m) => m.message)]));
}

describe('the import-cycle rule', () => {
  it('reports a cycle of three TypeScript modules at each of them', async () => {
    const found = await cycleFindings({
      'a.ts': "import { b } from './b.js';\nexport const a = (): number => b + 1;\n",
      'b.tsx': "import { c } from './c.js';\nexport const b = 2 + c;\n",
      'c.ts': "import { a } from './a.js';\nexport const c = 3;\nexport const d = (): number => a();\n",
    });
    expect(found).toEqual({
      'a.ts': ['Dependency cycle via "./c.js:1"'],
      'b.tsx': ['Dependency cycle via "./a.js:1"'],
      'c.ts': ['Dependency cycle via "./b.js:1"'],
    });
  });

  it('reports nothing for the same modules without the import that closes the cycle', async () => {
    const found = await cycleFindings({
      'a.ts': "import { b } from './b.js';\nexport const a = (): number => b + 1;\n",
      'b.tsx': "import { c } from './c.js';\nexport const b = 2 + c;\n",
      'c.ts': 'export const c = 3;\n',
    });
    expect(found).toEqual({ 'a.ts': [], 'b.tsx': [], 'c.ts': [] });
  });
});
