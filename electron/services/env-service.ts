/**
 * env.*: a function's (or Globals') Environment.Variables in template.yaml, and the local
 * overrides in env.json that apply on top when faaslab invokes (never written to the template).
 */
import { checkEnvironment } from '../../shared/lambda/environment-variables.js';
import { createContext, parameterValues, resolveValue, scalarText } from '../workspace/template/intrinsics.js';
import { scopeKey } from './env-file.js';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';
import type { TemplateEditor } from '../workspace/edit/template-edit.js';

type Vars = Record<string, string>;

function variablesPath(scope: string): string[] {
  return scope === 'Globals' ? ['Globals', 'Function', 'Environment', 'Variables'] : ['Resources', scope, 'Properties', 'Environment', 'Variables'];
}

/**
 * The variables as the user should see them: literal values as written, intrinsics (`!Ref
 * Stage`) resolved as the loader resolves them. env.set compares against these, so a value the
 * user did not change keeps its `!Ref` in the template.
 */
export function templateVariables(editor: TemplateEditor, scope: string): Vars {
  const raw = editor.value(variablesPath(scope));
  if (!isRecord(raw)) return {};
  const template = editor.value([]);
  const t = isRecord(template) ? template : {};
  const ctx = createContext({
    parameters: parameterValues(isRecord(t.Parameters) ? t.Parameters : {}).values,
    resources: Object.keys(isRecord(t.Resources) ? t.Resources : {}),
    conditions: isRecord(t.Conditions) ? t.Conditions : {},
    mappings: isRecord(t.Mappings) ? t.Mappings : {},
  });
  const out: Vars = {};
  for (const [key, value] of Object.entries(raw)) {
    const resolved = resolveValue(value, ctx);
    if (resolved === undefined) continue; // AWS::NoValue
    out[key] = scalarText(resolved) ?? JSON.stringify(resolved);
  }
  return out;
}

function checkVariables(vars: Vars): void {
  const problems = checkEnvironment(vars);
  if (!problems.length) return;
  const fields = Object.fromEntries(problems.map((p) => [p.key === '*' ? 'variables' : p.key, p.message]));
  throw new HostError('ValidationError', problems.map((p) => p.message).join('; '), fields);
}

export function setupEnv(registry: Registry, ctx: HostContext): void {
  const checkScope = (scope: string) => {
    if (scope !== 'Globals') ctx.session().fn(scope);
  };

  registry.register('env.get', async ({ scope }) => {
    checkScope(scope);
    const session = ctx.session();
    const variables = templateVariables(await session.template(), scope);
    return { variables, overrides: { ...session.overridesFile()[scopeKey(scope)] } };
  });

  registry.register('env.set', async ({ scope, variables }) => {
    checkScope(scope);
    checkVariables(variables);
    const base = variablesPath(scope);
    const saved = await ctx.session().editTemplate((editor) => {
      const before = templateVariables(editor, scope);
      for (const key of Object.keys(before)) {
        // An emptied Variables (and Environment) goes too, but never the resource's Properties.
        if (!(key in variables)) editor.delete([...base, key], { pruneDownTo: base.length - 2 });
      }
      for (const [key, value] of Object.entries(variables)) if (before[key] !== value) editor.set([...base, key], value);
      return templateVariables(editor, scope);
    });
    return { variables: saved };
  });

  registry.register('env.setOverrides', async ({ scope, overrides }) => {
    checkScope(scope);
    checkVariables(overrides);
    await ctx.session().setOverrides(scope, overrides);
    return { overrides: { ...ctx.session().overridesFile()[scopeKey(scope)] } };
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
