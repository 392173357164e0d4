/**
 * The HTTP trigger server of a host (HTTP APIs, REST APIs, Function URLs; http/http-triggers.ts).
 *
 * It belongs to the host, not to a workspace session: workspace.open starts the new session
 * before it closes the old one, and both cannot hold port 3000 at once. So the server outlives
 * sessions, and each session hands it its engine and routes together (serve()); its port, and
 * the URLs users copied, stay the same across a switch.
 */
import type { HttpEndpoint, HttpTriggerModel, TriggerActivity } from '../../shared/domain/triggers.js';
import { EngineClosedError } from '../engine/engine-errors.js';
import type { TriggerEngine } from './http/dispatch.js';
import { DEFAULT_API_PORT, endpointsOf, startHttpTriggers, type HttpTriggerServer } from './http/http-triggers.js';

export interface HttpHubOptions {
  /** Default 3000, or a free port when 3000 is taken; given explicitly, a taken port is an error. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  onActivity(activity: TriggerActivity): void;
  log(line: string): void;
}

const EMPTY: HttpTriggerModel = { routes: [], functionUrls: [], apis: [] };

/** The HTTP trigger port is taken (only when it was asked for explicitly). */
export class ApiPortInUseError extends Error {
  constructor(readonly port: number) {
    super(`the HTTP trigger port ${port} is in use`);
  }
}

export class HttpTriggerHub {
  private owner: object | undefined;

  private constructor(
    private readonly server: HttpTriggerServer,
    private readonly target: { engine: TriggerEngine | undefined },
  ) {}

  static async start(opts: HttpHubOptions): Promise<HttpTriggerHub> {
    const target: { engine: TriggerEngine | undefined } = { engine: undefined };
    const current = (): TriggerEngine => {
      if (!target.engine) throw new EngineClosedError();
      return target.engine;
    };
    // Looked up on every request, so a request arriving after a switch reaches the new engine.
    const engine: TriggerEngine = {
      invoke: (logicalId, req) => current().invoke(logicalId, req),
      listFunctions: () => current().listFunctions(),
      get region() {
        return current().region;
      },
      get accountId() {
        return current().accountId;
      },
    };
    const listen = (port: number) => startHttpTriggers(engine, EMPTY, { port, host: opts.host, onActivity: opts.onActivity, log: opts.log });
    let server: HttpTriggerServer;
    try {
      server = await listen(opts.port ?? DEFAULT_API_PORT);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      if (opts.port !== undefined) throw new ApiPortInUseError(opts.port);
      server = await listen(0);
    }
    return new HttpTriggerHub(server, target);
  }

  get url(): string {
    return this.server.url;
  }

  get port(): number {
    return this.server.port;
  }

  /** The endpoints `model` has on this server. */
  endpointsOf(model: HttpTriggerModel): HttpEndpoint[] {
    return endpointsOf(model, this.server.url);
  }

  /** Serves `owner`'s routes with its engine, from now on. */
  serve(owner: object, engine: TriggerEngine, model: HttpTriggerModel): void {
    this.owner = owner;
    this.target.engine = engine;
    this.server.update(model);
  }

  /** Serves `model` if `owner` still is the one served (a session reloading its template). */
  update(owner: object, model: HttpTriggerModel): void {
    if (this.owner === owner) this.server.update(model);
  }

  /** Serves nothing anymore, if `owner` is still the one served (its session closed). */
  release(owner: object): void {
    if (this.owner !== owner) return;
    this.owner = undefined;
    this.target.engine = undefined;
    this.server.update(EMPTY);
  }

  close(): Promise<void> {
    this.owner = undefined;
    this.target.engine = undefined;
    return this.server.close();
  }
}
