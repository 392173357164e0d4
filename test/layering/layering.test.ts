import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFile, checkProject, importsOf } from './check-layering.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('layering (DESIGN.md: renderer -> shared <- electron)', () => {
  it('holds for every source file of the project', () => {
    expect(checkProject(root)).toEqual([]);
  });

  it('finds static, dynamic, re-export, side-effect and require imports', () => {
    const src = [
      "import a from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "const d = await import('./d.js');",
      "const e = require('node:fs');",
      "import './side-effect.js';",
    ].join('\n');
    expect(importsOf(src).map((i) => i.specifier)).toEqual(['./a.js', '../b.js', './c.js', './d.js', 'node:fs', './side-effect.js']);
  });

  it('rejects Node modules and outside imports in shared/', () => {
    const v = checkFile('shared/lambda/x.ts', "import fs from 'node:fs';\nimport { E } from '../../electron/engine/engine.js';");
    expect(v.map((x) => x.rule)).toEqual(['shared/ is pure TypeScript: no Node modules', 'shared/ imports nothing outside shared/']);
    expect(v[1]!.line).toBe(2);
  });

  it("rejects 'electron' outside the three shell files", () => {
    expect(checkFile('electron/engine/engine.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(checkFile('electron/main.ts', "import { app } from 'electron';")).toEqual([]);
  });

  it('rejects renderer imports of electron/ and Node, and host imports of renderer/', () => {
    expect(checkFile('renderer/src/app.tsx', "import { Engine } from '../../electron/engine/engine.js';")).toHaveLength(1);
    expect(checkFile('renderer/src/app.tsx', "import path from 'path';")).toHaveLength(1);
    expect(checkFile('electron/services/x.ts', "import { App } from '../../renderer/src/app.js';")).toHaveLength(1);
    expect(checkFile('renderer/src/app.tsx', "import { api } from '../../shared/api/contract.js';")).toEqual([]);
  });
});
