/**
 * What each reader of a template starts from: its resources that have a Type, and the context
 * its intrinsics resolve in (parameter defaults or overrides, pseudo parameters, conditions,
 * mappings), so the readers of one template resolve a value the same way.
 */
import { createContext, DEFAULT_STACK_NAME, parameterValues, type IntrinsicContext } from './intrinsics.js';

export type TemplateResource = { Type: string; Properties?: unknown };

export interface ContextOptions {
  region?: string;
  accountId?: string;
  stackName?: string;
  /** `sam local --parameter-overrides`, with AWS::Region, AWS::AccountId and AWS::StackName among them. */
  parameterOverrides?: Record<string, string>;
}

export function typedResources(template: Record<string, unknown>): Record<string, TemplateResource> {
  const out: Record<string, TemplateResource> = {};
  for (const [id, r] of Object.entries(obj(template.Resources) ?? {})) {
    const res = obj(r);
    if (res && typeof res.Type === 'string') out[id] = res as TemplateResource;
  }
  return out;
}

export function templateContext(template: Record<string, unknown>, opts: ContextOptions = {}): IntrinsicContext {
  const overrides = opts.parameterOverrides ?? {};
  return createContext({
    parameters: parameterValues(obj(template.Parameters) ?? {}, overrides).values,
    region: opts.region ?? overrides['AWS::Region'],
    accountId: opts.accountId ?? overrides['AWS::AccountId'],
    stackName: opts.stackName ?? overrides['AWS::StackName'] ?? DEFAULT_STACK_NAME,
    resources: Object.keys(obj(template.Resources) ?? {}),
    conditions: obj(template.Conditions) ?? {},
    mappings: obj(template.Mappings) ?? {},
  });
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
