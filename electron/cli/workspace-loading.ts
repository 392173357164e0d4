import path from 'node:path';
import { loadWorkspace, TemplateError, type Workspace } from '../workspace/read/template-loader.js';
import { CliError } from './args.js';

/** Loads a workspace for a command, printing its warnings; a bad template is a CliError. */
export async function loadForCli(dir: string | undefined, warn: (line: string) => void): Promise<Workspace> {
  let ws: Workspace;
  try {
    ws = await loadWorkspace(dir ?? process.cwd());
  } catch (err) {
    if (err instanceof TemplateError || (err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError((err as Error).message);
    throw err;
  }
  const file = path.relative(process.cwd(), ws.templatePath) || ws.templatePath;
  for (const p of ws.problems) {
    if (p.severity === 'warning') warn(`warning: ${file}${p.line ? `:${p.line}` : ''}: ${p.logicalId ? `${p.logicalId}: ` : ''}${p.message}`);
  }
  return ws;
}
