import { client } from '../../api/index.js';
import { toastError, useUi } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';

/**
 * How many environments the function has warm and busy, and "force cold start": they end (busy
 * ones once their invocation is over), so the next invocation starts a new environment.
 */
export function ForceColdButton({ logicalId }: { logicalId: string }) {
  const env = useWorkspace((s) => s.environments[logicalId]);
  const total = (env?.warm ?? 0) + (env?.busy ?? 0);
  const force = async () => {
    try {
      const { ended } = await client.call('environments.forceCold', { logicalId });
      useUi.getState().toast('info', `${ended} environment${ended === 1 ? '' : 's'} of ${logicalId} ended: its next invocation is a cold start`);
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <button
      type="button"
      className="chip chip-button"
      data-testid="force-cold"
      disabled={total === 0}
      title={
        total === 0
          ? 'No environment is warm: the next invocation is a cold start anyway'
          : 'Force cold start: end its environments (busy ones after their invocation), so the next invocation starts a new one'
      }
      onClick={() => void force()}
    >
      <Icon name="snowflake" size={11} /> {total === 0 ? 'cold' : `${env?.warm ?? 0} warm${env?.busy ? ` · ${env.busy} busy` : ''} · force cold start`}
    </button>
  );
}
