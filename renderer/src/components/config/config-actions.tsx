import { MOD } from '../../lib/platform.js';
import { Icon } from '../common/icons.js';
import type { ConfigSettings } from './use-config-settings.js';
import { FormError } from '../common/form-error.js';

/** The sticky row under the form: what stops a save (or what the host said), Revert and Save. */
export function ConfigActions({ config }: { config: ConfigSettings }) {
  const { saveError, saved, dirty, errors, saving, settings, revert } = config;
  const invalid = Object.keys(errors).length;
  return (
    <div className="form-actions sticky-actions">
      <FormError error={saveError} testId="config-save-error" />
      {saved && !dirty && (
        <span className="saved-note" data-testid="config-saved">
          <Icon name="check" size={14} /> Saved to template.yaml
        </span>
      )}
      {!saveError && invalid > 0 && (
        <span className="form-error" data-testid="config-invalid-count">
          {invalid === 1 ? 'Fix the highlighted field to save' : `Fix the ${invalid} highlighted fields to save`}
        </span>
      )}
      <span className="spacer" />
      <button type="button" className="btn" data-testid="config-revert" disabled={!dirty || saving} onClick={revert}>
        Revert
      </button>
      <button type="submit" className="btn btn-primary" data-testid="config-save" disabled={!dirty || !settings || saving} title={`Save (${MOD}S)`}>
        {saving ? 'Saving…' : 'Save'}
      </button>
    </div>
  );
}
