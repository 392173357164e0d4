import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFile, checkProject, ELECTRON_LAYERS, importsOf } from './check-layering.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('layering (ARCHITECTURE.md: renderer -> shared <- electron)', () => {
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

  it('tells type-only imports and re-exports from the ones that load code', () => {
    const src = ["import type { A } from './a.js';", "export type { B } from './b.js';", "import { type C } from './c.js';", "import typeFoo from './d.js';"].join('\n');
    expect(importsOf(src).map((i) => i.typeOnly)).toEqual([true, true, false, false]);
  });
});

describe("electron/'s layers (ELECTRON_LAYERS)", () => {
  it('each row allows only layers above it in the table, so the table is an order bottom to top', () => {
    ELECTRON_LAYERS.forEach((layer, i) => {
      const below = ELECTRON_LAYERS.slice(0, i).map((l) => l.name);
      expect(
        [...layer.may, ...(layer.types ?? [])].filter((name) => !below.includes(name)),
        layer.name,
      ).toEqual([]);
    });
  });

  it('rejects a reverse import, naming both layers', () => {
    const v = checkFile('electron/store/history.ts', "import { x } from './invocation-store.js';\nimport type { Registry } from '../services/registry.js';");
    expect(v).toEqual([
      {
        file: 'electron/store/history.ts',
        line: 2,
        specifier: '../services/registry.js',
        rule: "store may not import services: electron/'s layers import only downward, and store may import base, engine (types only)",
      },
    ]);
    expect(checkFile('electron/workspace/read/x.ts', "import { readStorage } from '../../triggers/storage/s.js';").map((x) => x.rule)).toEqual([
      "workspace may not import triggers: electron/'s layers import only downward, and workspace may import base",
    ]);
    expect(checkFile('electron/base/x.ts', "import { Engine } from '../engine/engine.js';").map((x) => x.rule)).toEqual([
      "base may not import engine: electron/'s layers import only downward, and base may import no other layer",
    ]);
    expect(checkFile('electron/cli.ts', "import { x } from './main.js';").map((x) => x.rule)).toEqual([
      "cli may not import shell: electron/'s layers import only downward, and cli may import base, engine, workspace, store, triggers, local-aws, services, servers",
    ]);
  });

  it('accepts imports of its own layer and of the layers its row names', () => {
    const src = [
      "import { Debouncer } from '../../base/debouncer.js';",
      "import type { Engine } from '../../engine/engine.js';",
      "import { readStorage } from '../../workspace/read/storage-loader.js';",
      "import { InvocationStore } from '../../store/invocation-store.js';",
      "import { LocalTable } from './local-table.js';",
      "import { pathTemplateProblem } from '../../../shared/http/routes.js';",
    ].join('\n');
    expect(checkFile('electron/triggers/storage/x.ts', src)).toEqual([]);
    expect(checkFile('electron/main.ts', "import { startHostServer } from './servers/host-server.js';\nimport { windowOptions } from './window-options.js';")).toEqual([]);
    expect(checkFile('electron/cli.ts', "import { serveCommand } from './cli/serve-command.js';")).toEqual([]);
  });

  it('lets store/ take types from engine/ but no code', () => {
    expect(checkFile('electron/store/x.ts', "import type { Engine } from '../engine/engine.js';")).toEqual([]);
    expect(checkFile('electron/store/x.ts', "import { Engine } from '../engine/engine.js';").map((x) => x.rule)).toEqual(['store may import only types from engine: use import type']);
  });

  it('reports a file, or an import, in no layer, so a new folder must be placed in the table', () => {
    expect(checkFile('electron/plugins/loader.ts', "import { x } from './y.js';")).toEqual([
      { file: 'electron/plugins/loader.ts', line: 1, specifier: '', rule: 'electron/plugins/ is in no layer: add it to ELECTRON_LAYERS in test/layering/check-layering.ts' },
    ]);
    expect(checkFile('electron/helpers.ts', '').map((x) => x.rule)).toEqual(['electron/helpers.ts is in no layer: add it to ELECTRON_LAYERS in test/layering/check-layering.ts']);
    expect(checkFile('electron/services/x.ts', "import { y } from '../plugins/y.js';\nimport { z } from '../helpers.js';").map((x) => x.rule)).toEqual([
      'electron/plugins/ is in no layer: add it to ELECTRON_LAYERS in test/layering/check-layering.ts',
      'electron/helpers.ts is in no layer: add it to ELECTRON_LAYERS in test/layering/check-layering.ts',
    ]);
  });
});
