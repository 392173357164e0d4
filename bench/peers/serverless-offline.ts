/**
 * serverless-offline 13 under serverless 3, started as a user starts it (`serverless offline` in
 * the service folder), in its own process group. Modes, by flag:
 *   (none)          each function runs in a worker thread, reused while idle (LambdaFunctionPool);
 *   --useInProcess  handlers run in serverless's own process;
 *   --reloadHandler LambdaFunctionPool.get() skips the idle search: a new worker for every call.
 */
import net from 'node:net';
import path from 'node:path';
import { spawnChild, stopChild, waitForOutput } from '../children.js';
import { slsFunctionName } from './fixtures.js';

export interface ServerlessOffline {
  httpUrl: string;
  /** The Lambda Invoke API URL of a function of the service, by its short name (hello). */
  invokeUrl(fn: string): string;
  pid: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startServerlessOffline(peersDir: string, serviceDir: string, flags: string[] = []): Promise<ServerlessOffline> {
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const bin = path.join(peersDir, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const args = [bin, 'offline', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--host', '127.0.0.1', ...flags];
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
    // Offline only: no telemetry, no update or notification checks.
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
  };
  const child = spawnChild(process.execPath, args, { cwd: serviceDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await waitForOutput(child, /Server ready/, 90_000);
  } catch (err) {
    await stopChild(child);
    throw new Error(`serverless offline ${flags.join(' ')}: ${(err as Error).message}`, { cause: err });
  }
  return {
    httpUrl: `http://127.0.0.1:${httpPort}`,
    invokeUrl: (fn) => `http://127.0.0.1:${lambdaPort}/2015-03-31/functions/${slsFunctionName(fn)}/invocations`,
    pid: child.pid!,
    stop: () => stopChild(child),
  };
}
