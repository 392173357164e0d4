import type { ErrorBody } from './runtime-client.js';

/** Lambda's Node.js error shape: err.name, err.message and the stack as lines. */
export function toErrorBody(value: unknown, fallbackType?: string): ErrorBody {
  if (value instanceof Error) {
    return {
      errorType: fallbackType ?? value.name ?? 'Error',
      errorMessage: value.message,
      trace: (value.stack ?? '').split('\n').filter((l) => l.length > 0),
    };
  }
  // A thrown non-Error: Lambda reports its type and its string form, with no trace.
  return { errorType: fallbackType ?? typeof value, errorMessage: String(value), trace: [] };
}

/** A load error with one of the Runtime.* types Lambda uses for handler problems. */
export class RuntimeError extends Error {
  constructor(name: string, message: string, cause?: unknown) {
    super(message);
    this.name = name;
    if (cause instanceof Error && cause.stack) {
      this.stack = `${name}: ${message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
    }
  }
}
