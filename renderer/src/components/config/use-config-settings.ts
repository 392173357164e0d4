import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FunctionSettings, FunctionSummary } from '../../../../shared/api/schemas.js';
import { client, errorFields, errorMessage } from '../../api/index.js';
import { registerSaveHandler } from '../../lib/save-handlers.js';
import { useRecently } from '../../lib/use-recently.js';
import { peekDraft, useKeepDraft } from '../../store/drafts.js';
import { changedSettings, parseForm, toForm, type ConfigForm } from './config-form.js';

/**
 * The Configuration tab's state: the settings as read from template.yaml (config.get), the form
 * being edited with its own and the host's field errors, and the save of what changed
 * (config.update, also on the Save shortcut). Unsaved edits survive a look at another tab or function.
 */
export function useConfigSettings(fn: FunctionSummary) {
  const { logicalId } = fn;
  const [restored] = useState(() => peekDraft<{ loaded: FunctionSettings; form: ConfigForm }>(`config:${logicalId}`));
  const [loaded, setLoaded] = useState<FunctionSettings | undefined>(restored?.loaded);
  const [form, setForm] = useState<ConfigForm | undefined>(restored?.form);
  const [loadError, setLoadError] = useState<string>();
  const [hostErrors, setHostErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number>();
  const saved = useRecently(savedAt, 2500);

  const { settings, errors } = useMemo(() => (form ? parseForm(form) : { settings: undefined, errors: {} }), [form]);
  const changes = useMemo(() => (loaded && settings ? changedSettings(loaded, settings) : {}), [loaded, settings]);
  const dirty = !!loaded && !!form && JSON.stringify(toForm(loaded)) !== JSON.stringify(form);
  useKeepDraft(`config:${logicalId}`, dirty ? { loaded, form } : undefined);

  const load = useCallback(async () => {
    try {
      const s = await client.call('config.get', { logicalId });
      setLoaded(s);
      setForm(toForm(s));
      setLoadError(undefined);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [logicalId]);

  // The summary changes when template.yaml does (here or on disk): pick that up unless editing.
  useEffect(() => {
    if (!dirty) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, fn]);

  const save = useCallback(async () => {
    if (!settings || !loaded || saving) return;
    if (!Object.keys(changes).length) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const next = await client.call('config.update', { logicalId, settings: changes });
      setLoaded(next);
      setForm(toForm(next));
      setHostErrors({});
      setSavedAt(Date.now());
    } catch (e) {
      setHostErrors(errorFields(e));
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }, [settings, loaded, saving, changes, logicalId]);

  useEffect(() => registerSaveHandler('config', () => void save()), [save]);

  /** Sets one field; the host's error about it goes, the form's own check runs again. */
  const set = <K extends keyof ConfigForm>(key: K, value: ConfigForm[K]) => {
    setForm((f) => f && { ...f, [key]: value });
    if (hostErrors[key]) setHostErrors(({ [key]: _, ...rest }) => rest);
  };
  const err = (key: string): string | undefined => errors[key] ?? hostErrors[key];
  const revert = () => {
    if (!loaded) return;
    setForm(toForm(loaded));
    setHostErrors({});
    setSaveError(undefined);
  };

  return { loaded, form, settings, errors, loadError, saveError, saving, saved, dirty, set, err, save, revert };
}

export type ConfigSettings = ReturnType<typeof useConfigSettings>;
