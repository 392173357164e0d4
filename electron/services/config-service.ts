/**
 * config.*: the Configuration tab. Settings are read as the template says them (the resource,
 * else Globals, else Lambda's defaults) and written back into the resource's Properties, only
 * the ones that changed, each as a minimal in-place edit of template.yaml.
 */
import type { FunctionSettings } from '../../shared/api/schemas.js';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import { checkSettings } from '../../shared/lambda/settings-validation.js';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';
import type { TemplateEditor, YamlValue } from '../workspace/edit/template-edit.js';

type Key = keyof FunctionSettings;

/** Where each setting lives under the resource's Properties. */
const PROPERTY: Record<Key, string[]> = {
  handler: ['Handler'],
  runtime: ['Runtime'],
  memorySizeMb: ['MemorySize'],
  timeoutSeconds: ['Timeout'],
  architecture: ['Architectures'],
  ephemeralStorageMb: ['EphemeralStorage', 'Size'],
  reservedConcurrency: ['ReservedConcurrentExecutions'],
  logFormat: ['LoggingConfig', 'LogFormat'],
  applicationLogLevel: ['LoggingConfig', 'ApplicationLogLevel'],
  systemLogLevel: ['LoggingConfig', 'SystemLogLevel'],
};

export function settingsOf(fn: FunctionConfig): FunctionSettings {
  return {
    handler: fn.handler,
    runtime: fn.runtime,
    memorySizeMb: fn.memorySizeMb,
    timeoutSeconds: fn.timeoutSeconds,
    architecture: fn.architecture,
    ephemeralStorageMb: fn.ephemeralStorageMb,
    reservedConcurrency: fn.reservedConcurrency ?? null,
    logFormat: fn.logFormat,
    applicationLogLevel: fn.applicationLogLevel ?? null,
    systemLogLevel: fn.systemLogLevel ?? null,
  };
}

export function setupConfig(registry: Registry, ctx: HostContext): void {
  registry.register('config.get', async ({ logicalId }) => settingsOf(ctx.session().fn(logicalId)));

  registry.register('config.update', async ({ logicalId, settings }) => {
    const session = ctx.session();
    const current = settingsOf(session.fn(logicalId));
    const changed = (Object.keys(settings) as Key[]).filter((k) => settings[k] !== undefined && settings[k] !== current[k]);
    const errors = checkSettings({ ...pick(settings, changed), runtime: settings.runtime ?? current.runtime, handler: settings.handler ?? current.handler });
    // Only what this update changes is judged: an old problem elsewhere has its own report.
    const fields = Object.fromEntries(Object.entries(errors).filter(([k]) => changed.includes(k as Key) || (k === 'handler' && changed.includes('runtime'))));
    if (Object.keys(fields).length) throw new HostError('ValidationError', Object.values(fields).join('; '), fields);
    if (changed.length) {
      await session.editTemplate((editor) => {
        const props = ['Resources', logicalId, 'Properties'];
        for (const key of changed) writeSetting(editor, props, key, settings[key]!);
      });
    }
    return settingsOf(ctx.session().fn(logicalId));
  });
}

function writeSetting(editor: TemplateEditor, props: string[], key: Key, value: NonNullable<FunctionSettings[Key]> | null): void {
  const at = [...props, ...PROPERTY[key]];
  // A null level or concurrency means "not set": the property goes, and an emptied LoggingConfig with it.
  if (value === null) return void editor.delete(at, { pruneDownTo: props.length });
  const yaml: YamlValue = key === 'architecture' ? [value as string] : value;
  editor.set(at, yaml);
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) out[k] = obj[k];
  return out;
}
