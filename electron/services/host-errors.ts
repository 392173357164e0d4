import { EngineClosedError, FunctionConfigError, FunctionNotFoundError } from '../engine/engine-errors.js';
import { TemplateError } from '../workspace/template/cfn-tags.js';
import { HostError } from './host-types.js';
import { TemplateEditError } from '../workspace/edit/template-edit.js';

/**
 * Turns what a handler threw into the error the renderer sees. Known failures get a code it can
 * act on; anything else is a ServiceError carrying the message, never a stack.
 */
export function toHostError(err: unknown): HostError {
  if (err instanceof HostError) return err;
  if (err instanceof FunctionNotFoundError) return new HostError('NotFound', err.message);
  if (err instanceof FunctionConfigError) return new HostError('ValidationError', err.message);
  if (err instanceof EngineClosedError) return new HostError('ServiceError', err.message);
  if (err instanceof TemplateError) return new HostError('ValidationError', err.message);
  if (err instanceof TemplateEditError) return new HostError('Conflict', err.message);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOENT') return new HostError('NotFound', message);
  if (code === 'EEXIST' || code === 'ENOTEMPTY') return new HostError('Conflict', message);
  return new HostError('ServiceError', message);
}
