import type { FunctionConfig } from '../../shared/domain/function-config.js';

/**
 * Finds a function the way the Invoke API names it: a logical id or name ("my-fn"), a name with
 * a qualifier ("my-fn:live"), a partial ARN ("123456789012:function:my-fn") or a full ARN
 * ("arn:aws:lambda:us-east-1:123456789012:function:my-fn[:qualifier]").
 */
export function resolveFunctionRef(ref: string, functions: FunctionConfig[], accountId: string, region: string): { fn: FunctionConfig; qualifier?: string } | undefined {
  let name = ref;
  let qualifier: string | undefined;
  const full = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(ref);
  const partial = /^()(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(ref);
  const m = full ?? partial;
  if (m) {
    if (m[2] !== accountId || (m[1] && m[1] !== region)) return undefined;
    name = m[3]!;
    qualifier = m[4];
  } else if (ref.includes(':')) {
    const parts = ref.split(':');
    if (parts.length !== 2) return undefined;
    [name, qualifier] = parts as [string, string];
  }
  const fn = functions.find((f) => f.functionName === name) ?? functions.find((f) => f.logicalId === name);
  return fn ? { fn, qualifier } : undefined;
}
