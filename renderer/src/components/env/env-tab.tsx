import { useEffect, useState } from 'react';
import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { OverridesCard, VariablesCard } from './env-cards.js';
import { envFileActions } from './env-file.js';
import { EnvToolbar } from './env-toolbar.js';
import { useEnvScope } from './use-env-scope.js';

export function EnvTab({ fn }: { fn: FunctionSummary }) {
  const [scope, setScope] = useState<string>(fn.logicalId);
  useEffect(() => setScope(fn.logicalId), [fn.logicalId]);
  return <EnvScopeEditor key={scope} scope={scope} logicalId={fn.logicalId} onScope={setScope} />;
}

/** One scope's editor, mounted afresh per scope (its key) so no row of one scope shows in another. */
function EnvScopeEditor({ scope, logicalId, onScope }: { scope: string; logicalId: string; onScope(scope: string): void }) {
  const env = useEnvScope(scope);
  const { importFile, exportFile } = envFileActions(scope, env);
  return (
    <div className="env-tab tab-scroll">
      <EnvToolbar scope={scope} logicalId={logicalId} onScope={onScope} onImport={(file) => void importFile(file)} onExport={exportFile} />
      <VariablesCard logicalId={logicalId} env={env} />
      <OverridesCard env={env} />
    </div>
  );
}
