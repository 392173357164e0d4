import type { EventData, EventName, HostErrorShape, Input, MethodName, Output, Push } from '../../../shared/api/contract.js';
import { toHostErrorShape, type ConnectionState, type Transport } from './transport.js';

/** A failed host call: the contract's error shape, as an Error so stack traces and `instanceof` work. */
export class HostError extends Error {
  readonly code: HostErrorShape['code'];
  readonly fields: Record<string, string> | undefined;

  constructor(shape: HostErrorShape) {
    super(shape.message);
    this.name = 'HostError';
    this.code = shape.code;
    this.fields = shape.fields;
  }
}

/** Methods whose every input field is optional may be called without params. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the question is whether an empty object is a valid input
type ParamsArg<M extends MethodName> = {} extends Input<M> ? [params?: Input<M>] : [params: Input<M>];

/**
 * The one typed client of the host API. Method names, params and results come from the
 * contract, so a renamed method or field is a type error here rather than a runtime surprise.
 */
export class HostClient {
  private readonly listeners = new Map<EventName, Set<(data: unknown) => void>>();

  constructor(private readonly transport: Transport) {
    transport.onPush((push: Push) => {
      for (const listener of this.listeners.get(push.event) ?? []) {
        try {
          listener(push.data);
        } catch (error) {
          // One broken listener must not starve the others of events.
          console.error(`faaslab: a listener of '${push.event}' threw`, error);
        }
      }
    });
  }

  get transportName(): Transport['name'] {
    return this.transport.name;
  }

  get state(): ConnectionState {
    return this.transport.state;
  }

  async call<M extends MethodName>(method: M, ...args: ParamsArg<M>): Promise<Output<M>> {
    try {
      return (await this.transport.request(method, args[0] ?? {})) as Output<M>;
    } catch (error) {
      throw new HostError(toHostErrorShape(error));
    }
  }

  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const wrapped = listener as (data: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    return this.transport.onState(listener);
  }

  retryNow(): void {
    this.transport.retryNow();
  }
}

/** The message of any failure, for a toast or an inline error. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Host messages often start lower-case ("folder x does not exist"); shown alone, they read as sentences.
  return /^[a-z]/.test(message) && !/^[a-z]+[./\\]/.test(message) ? message[0]!.toUpperCase() + message.slice(1) : message;
}

/** The field messages of a ValidationError, or an empty map. */
export function errorFields(error: unknown): Record<string, string> {
  return error instanceof HostError && error.fields ? error.fields : {};
}
