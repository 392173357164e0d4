import { formatDotenv, parseDotenv } from '../../../../shared/lambda/dotenv.js';
import { downloadText } from '../../lib/download.js';
import { mergeRows } from './env-rows.js';
import type { EnvScope } from './use-env-scope.js';

/**
 * Import of a .env file into the rows (merged, not saved: the user reviews first, and hears
 * which lines were skipped) and export of the scope's variables as one.
 */
export function envFileActions(scope: string, env: EnvScope) {
  const importFile = async (file: File) => {
    const { variables: imported, errors: problems } = parseDotenv(await file.text());
    const count = Object.keys(imported).length;
    env.variables.setRows((r) => mergeRows(r, imported));
    const skipped = problems.length ? `; skipped ${problems.map((p) => `line ${p.line} (${p.message})`).join(', ')}` : '';
    env.setMessage({ kind: !count ? 'error' : problems.length ? 'warn' : 'success', text: `Imported ${count} variable${count === 1 ? '' : 's'} from ${file.name}${skipped}. Review, then Save.` });
  };
  const exportFile = () => downloadText(`${scope}.env`, formatDotenv(env.variables.values));
  return { importFile, exportFile };
}
