import { useCallback, useEffect, useMemo, useState } from 'react';
import { environmentSize } from '../../../../shared/lambda/environment-variables.js';
import { client, errorFields, errorMessage } from '../../api/index.js';
import { registerSaveHandler } from '../../lib/save-handlers.js';
import { peekDraft, useKeepDraft } from '../../store/drafts.js';
import { useUi } from '../../store/ui.js';
import { rowErrors, sameVariables, toRows, toVariables, type Row } from './env-rows.js';

interface Loaded {
  variables: Record<string, string>;
  overrides: Record<string, string>;
  globals: Record<string, string>;
}

/** What survives leaving the tab with unsaved rows (see store/drafts.ts). */
interface Stash {
  loaded: Loaded;
  rows: Row[];
  overrideRows: Row[];
}

export type EnvMessage = { kind: 'error' | 'warn' | 'success'; text: string };

/**
 * One scope's variables (a function's, or Globals) as read from template.yaml and its local
 * overrides from env.json, the rows being edited with their errors, and the two saves. The
 * size counts the Globals a function inherits, as Lambda's 4 KB limit does.
 */
export function useEnvScope(scope: string) {
  const isGlobals = scope === 'Globals';
  const [restored] = useState(() => peekDraft<Stash>(`env:${scope}`));
  const [loaded, setLoaded] = useState<Loaded | undefined>(restored?.loaded);
  const [rows, setRows] = useState<Row[]>(restored?.rows ?? []);
  const [overrideRows, setOverrideRows] = useState<Row[]>(restored?.overrideRows ?? []);
  const [hostFields, setHostFields] = useState<Record<string, string>>({});
  const [overrideFields, setOverrideFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<EnvMessage>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [own, globals] = await Promise.all([client.call('env.get', { scope }), isGlobals ? undefined : client.call('env.get', { scope: 'Globals' })]);
      setLoaded({ ...own, globals: globals?.variables ?? {} });
      setRows(toRows(own.variables));
      setOverrideRows(toRows(own.overrides));
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not read the variables: ${errorMessage(e)}` });
    }
  }, [scope, isGlobals]);
  useEffect(() => {
    if (!restored) void load();
  }, [load, restored]);

  const variables = useMemo(() => toVariables(rows), [rows]);
  const overrides = useMemo(() => toVariables(overrideRows), [overrideRows]);
  const errors = useMemo(() => rowErrors(rows, hostFields), [rows, hostFields]);
  const overrideErrors = useMemo(() => rowErrors(overrideRows, overrideFields), [overrideRows, overrideFields]);
  const inherited = isGlobals || !loaded ? 0 : environmentSize(Object.fromEntries(Object.entries(loaded.globals).filter(([k]) => !(k in variables))));
  const bytes = environmentSize(variables) + inherited;
  const dirty = !!loaded && !sameVariables(variables, loaded.variables);
  const overridesDirty = !!loaded && !sameVariables(overrides, loaded.overrides);
  const valid = Object.keys(errors).length === 0;
  const overridesValid = Object.keys(overrideErrors).length === 0;
  // Unsaved rows survive a look at another tab, function or scope.
  useKeepDraft<Stash>(`env:${scope}`, loaded && (dirty || overridesDirty) ? { loaded, rows, overrideRows } : undefined);

  const save = useCallback(async () => {
    if (!dirty || !valid || busy) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await client.call('env.set', { scope, variables });
      setLoaded((l) => l && { ...l, variables: result.variables });
      setRows(toRows(result.variables));
      setHostFields({});
      setMessage({ kind: 'success', text: 'Saved to template.yaml' });
    } catch (e) {
      setHostFields(errorFields(e));
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }, [dirty, valid, busy, scope, variables]);

  useEffect(() => registerSaveHandler('env', () => void save()), [save]);

  const saveOverrides = async () => {
    if (!overridesDirty || !overridesValid || busy) return;
    setBusy(true);
    try {
      const result = await client.call('env.setOverrides', { scope, overrides });
      setLoaded((l) => l && { ...l, overrides: result.overrides });
      setOverrideRows(toRows(result.overrides));
      setOverrideFields({});
      useUi.getState().toast('success', 'Saved local overrides to env.json');
    } catch (e) {
      setOverrideFields(errorFields(e));
      useUi.getState().toast('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const revert = () => {
    if (!loaded) return;
    setRows(toRows(loaded.variables));
    setHostFields({});
    setMessage(undefined);
  };

  return {
    isGlobals,
    loaded: !!loaded,
    busy,
    message,
    setMessage,
    variables: { rows, setRows, errors, dirty, valid, bytes, inherited, values: variables, save, revert },
    overrides: { rows: overrideRows, setRows: setOverrideRows, errors: overrideErrors, dirty: overridesDirty, valid: overridesValid, save: saveOverrides },
  };
}

export type EnvScope = ReturnType<typeof useEnvScope>;
