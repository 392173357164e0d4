import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { ConfigActions } from './config-actions.js';
import { LoggingCard, ResourcesCard, RuntimeCard } from './config-cards.js';
import { useConfigSettings } from './use-config-settings.js';

export function ConfigTab({ fn }: { fn: FunctionSummary }) {
  const config = useConfigSettings(fn);
  const { form, set, err, loadError } = config;
  if (loadError) return <div className="tab-message error">Could not read the configuration: {loadError}</div>;
  if (!form) return <div className="tab-message">Loading configuration…</div>;
  const memory = config.settings?.memorySizeMb ?? config.loaded?.memorySizeMb ?? 128;

  return (
    <form className="config-tab tab-scroll" onSubmit={(e) => (e.preventDefault(), void config.save())} noValidate>
      <div className="form-grid">
        <RuntimeCard fn={fn} form={form} set={set} err={err} />
        <ResourcesCard form={form} set={set} err={err} memory={memory} />
        <LoggingCard form={form} set={set} err={err} />
      </div>
      <ConfigActions config={config} />
    </form>
  );
}
