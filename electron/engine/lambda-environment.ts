import path from 'node:path';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import { runtimeInfo } from '../../shared/lambda/runtimes.js';

export interface EnvironmentContext {
  region: string;
  logStream: string;
  logGroup: string;
  runtimeApi: string;
  runtimeDir: string;
  tmpDir: string;
  nodeBinary: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** A real account's region, for a function whose AWS target is real AWS. */
  awsRegion?: string;
  /** faaslab's local AWS endpoint: the SDKs' AWS_ENDPOINT_URL, so unchanged code reaches the local services. */
  awsEndpoint?: string;
  initializationType: 'on-demand' | 'provisioned-concurrency';
  /** The runtime's own packages (the AWS SDK), as Lambda's /var/runtime/node_modules. */
  nodeSdkModules?: string;
  /** Installed dependencies, resolved first (as /var/task/node_modules). */
  nodePaths?: string[];
}

/**
 * Exactly the variables Lambda gives a function (ARCHITECTURE.md, Lambda behaviour 4) plus the function's own,
 * and nothing of the host's. One deliberate addition: TMPDIR (TEMP/TMP on Windows) points at the
 * environment's own folder, the stand-in for Lambda's /tmp, so os.tmpdir() is per environment.
 */
export function functionEnvironment(fn: FunctionConfig, ctx: EnvironmentContext): Record<string, string> {
  const info = runtimeInfo(fn.runtime);
  const sep = path.delimiter;
  const own = ctx.awsEndpoint ? localQueueUrls(fn.environment, ctx.awsEndpoint) : fn.environment;
  const lambda: Record<string, string> = {
    _HANDLER: fn.handler,
    AWS_REGION: ctx.awsRegion ?? ctx.region,
    AWS_DEFAULT_REGION: ctx.awsRegion ?? ctx.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: ctx.initializationType,
    AWS_LAMBDA_LOG_GROUP_NAME: ctx.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: ctx.logStream,
    AWS_ACCESS_KEY: ctx.credentials.accessKeyId,
    AWS_ACCESS_KEY_ID: ctx.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ctx.credentials.secretAccessKey,
    ...(ctx.credentials.sessionToken ? { AWS_SESSION_TOKEN: ctx.credentials.sessionToken } : {}),
    AWS_LAMBDA_RUNTIME_API: ctx.runtimeApi,
    LAMBDA_TASK_ROOT: fn.codeDir,
    LAMBDA_RUNTIME_DIR: ctx.runtimeDir,
    TZ: 'UTC',
  };
  if (info?.executionEnv) lambda.AWS_EXECUTION_ENV = info.executionEnv;
  if (fn.logFormat === 'JSON') {
    lambda.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    if (fn.applicationLogLevel) lambda.AWS_LAMBDA_LOG_LEVEL = fn.applicationLogLevel;
  }
  // Lambda sets these too, but a function may replace them with its own value.
  const opt = layerPaths(fn);
  const extendable: Record<string, string> = {
    LANG: 'en_US.UTF-8',
    PATH: [defaultPath(ctx.nodeBinary), ...opt.bin].join(sep),
    LD_LIBRARY_PATH: [fn.codeDir, path.join(fn.codeDir, 'lib'), ...opt.lib].join(sep),
    ...(ctx.awsEndpoint ? endpointVariables(ctx.awsEndpoint) : {}),
  };
  // Lambda's order: layers, then the runtime's node_modules (the AWS SDK), then the task root.
  if (info?.family === 'nodejs') extendable.NODE_PATH = [...(ctx.nodePaths ?? []), ...opt.node, ...(ctx.nodeSdkModules ? [ctx.nodeSdkModules] : []), fn.codeDir].join(sep);
  const tmp: Record<string, string> = process.platform === 'win32' ? { TEMP: ctx.tmpDir, TMP: ctx.tmpDir } : { TMPDIR: ctx.tmpDir };
  return { ...extendable, ...tmp, ...own, ...lambda };
}

/**
 * Where a function finds what its layers hold, as Lambda's /opt paths: Lambda extracts the layers
 * into /opt in order, a later one overwriting an earlier one, so here the later layers come first.
 */
export function layerPaths(fn: FunctionConfig): { node: string[]; python: string[]; bin: string[]; lib: string[]; bootstrap: string[] } {
  const layers = [...(fn.layers ?? [])].reverse();
  const nodeMajor = /^nodejs(\d+)/.exec(fn.runtime)?.[1];
  const pythonMinor = /^python(\d+\.\d+)$/.exec(fn.runtime)?.[1];
  return {
    node: [...(nodeMajor ? layers.map((l) => path.join(l, 'nodejs', `node${nodeMajor}`, 'node_modules')) : []), ...layers.map((l) => path.join(l, 'nodejs', 'node_modules'))],
    python: [...(pythonMinor ? layers.map((l) => path.join(l, 'python', 'lib', `python${pythonMinor}`, 'site-packages')) : []), ...layers.map((l) => path.join(l, 'python'))],
    bin: layers.map((l) => path.join(l, 'bin')),
    lib: layers.map((l) => path.join(l, 'lib')),
    bootstrap: layers.map((l) => path.join(l, 'bootstrap')),
  };
}

function defaultPath(nodeBinary: string): string {
  const nodeDir = path.dirname(nodeBinary);
  if (process.platform === 'win32') {
    const root = process.env.SystemRoot ?? 'C:\\Windows';
    return [nodeDir, path.join(root, 'System32'), root].join(';');
  }
  return [...new Set([nodeDir, '/usr/local/bin', '/usr/bin', '/bin'])].join(':');
}

/** The services faaslab has locally: each gets its per-service variable too, which the SDKs prefer over AWS_ENDPOINT_URL. */
export const LOCAL_AWS_SERVICES = ['S3', 'DYNAMODB', 'SQS', 'SNS', 'EVENTBRIDGE'] as const;

function endpointVariables(url: string): Record<string, string> {
  return { AWS_ENDPOINT_URL: url, ...Object.fromEntries(LOCAL_AWS_SERVICES.map((s) => [`AWS_ENDPOINT_URL_${s}`, url])) };
}

const REAL_QUEUE_URL = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/(\d{12}\/[\w.-]+)$/;

/**
 * A queue URL a variable holds (what !Ref gives a queue) points at the local endpoint: the SDK
 * for JavaScript v3 sends an SQS call to its QueueUrl's host whenever the client was not given
 * an endpoint in code, AWS_ENDPOINT_URL notwithstanding, so the real-looking URL would reach AWS.
 */
function localQueueUrls(vars: Record<string, string>, endpoint: string): Record<string, string> {
  let out: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(vars)) {
    const m = REAL_QUEUE_URL.exec(value);
    if (!m) continue;
    out ??= { ...vars };
    out[name] = `${endpoint}/${m[1]}`;
  }
  return out ?? vars;
}
