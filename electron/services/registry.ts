/**
 * The table of host methods. Each area registers its handlers with `register()`, typed so a
 * handler receives the parsed input of its method and must answer that method's output: adding
 * a method to the contract without a handler fails `assertComplete()` at start-up, and a handler
 * answering the wrong shape fails the type check. Dispatch is a lookup, never a switch.
 */
import type { z } from 'zod';
import { methods, type MethodName, type Methods, type Output } from '../../shared/api/contract.js';
import { HostError } from './host-types.js';

export type Parsed<M extends MethodName> = z.output<Methods[M]['input']>;
export type Handler<M extends MethodName> = (input: Parsed<M>) => Promise<Output<M>>;
type HandlerTable = { [M in MethodName]?: Handler<M> };

export class Registry {
  private readonly table: HandlerTable = {};

  register<M extends MethodName>(method: M, handler: Handler<M>): void {
    if (this.table[method]) throw new Error(`${method} is registered twice`);
    // TypeScript cannot follow a generic key into a mapped type; the signature above is the check.
    (this.table as Record<M, Handler<M>>)[method] = handler;
  }

  /** Every method of the contract has a handler (checked once, when the host starts). */
  assertComplete(): void {
    const missing = (Object.keys(methods) as MethodName[]).filter((m) => !this.table[m]);
    if (missing.length) throw new Error(`host methods without a handler: ${missing.join(', ')}`);
  }

  async call<M extends MethodName>(method: M, params: unknown): Promise<Output<M>> {
    if (!Object.hasOwn(methods, method)) throw new HostError('NotFound', `no host method ${String(method)}`);
    const handler = this.table[method] as Handler<M> | undefined;
    if (!handler) throw new HostError('NotFound', `no handler for ${method}`);
    const result = methods[method].input.safeParse(params ?? {});
    if (!result.success) throw validationError(result.error);
    // safeParse over a generic M widens to the union of all inputs; it is exactly M's input.
    return handler(result.data as Parsed<M>);
  }
}

/** zod's issues as one readable message plus a message per field (the setting or variable). */
export function validationError(error: z.ZodError): HostError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    // Inputs wrap their fields ({settings: {...}}, {variables: {...}}): name the field itself.
    const path = issue.path.map(String);
    const name = path.length > 1 && ['settings', 'variables', 'overrides'].includes(path[0]!) ? path.slice(1).join('.') : path.join('.');
    fields[name || 'input'] ??= issue.message;
  }
  const message = Object.entries(fields)
    .map(([k, m]) => `${k}: ${m}`)
    .join('; ');
  return new HostError('ValidationError', message, fields);
}
