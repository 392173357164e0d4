#!/usr/bin/env node
// The faaslab command. The TypeScript sources are built into dist/ by `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('faaslab is not built yet: run `npm run build` in the faaslab folder.\n');
  process.exit(1);
}
await import(cli);
