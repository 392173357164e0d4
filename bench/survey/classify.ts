/**
 * The SAM survey's verdict on one function: did the handler run (issue 11's "reach their
 * handler and end as Lambda would end them"), and if not, why. Pure: it reads what the engine
 * and the loader said, so the survey's numbers depend on nothing but those.
 */
import type { InvocationRecord } from '../../shared/domain/invocation.js';

export type Family = 'nodejs' | 'python';

export interface Outcome {
  reached: boolean;
  /** 'reached', or the reason it was not: a short category the summary counts by. */
  reason: string;
  /** The first line of the error, when there was one. */
  detail?: string;
}

export const REACHED = 'reached';

export function familyOf(runtime: string | undefined): Family | undefined {
  if (runtime?.startsWith('nodejs')) return 'nodejs';
  if (runtime?.startsWith('python')) return 'python';
  return undefined;
}

export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return line.trim().slice(0, 300);
}

/** An install's failure says what failed on a later line than the command it ran. */
function buildErrorLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim());
  const telling = lines.find((l) => /^(npm (error|ERR!)|ERROR:|error:|✘|\[ERROR\])/i.test(l) && !/^npm error (A complete log|command|path|cwd)\b/i.test(l));
  return `${firstLine(message)} ${telling ?? lines.find((l, i) => i > 0 && l) ?? ''}`.slice(0, 400);
}

// pip's own words when it could not reach the index (DNS, refused, offline), not a resolver verdict.
const PIP_NETWORK =
  /Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Could not resolve host|NewConnectionError|Network is unreachable|ProxyError|No matching distribution found|Could not find a version that satisfies/i;

/** Error types the Node.js and Python runtimes report when the handler could not be loaded. */
const LOAD_ERRORS = new Set(['Runtime.ImportModuleError', 'Runtime.HandlerNotFound', 'Runtime.UserCodeSyntaxError', 'Runtime.MalformedHandlerName']);

/** The module a Runtime.ImportModuleError names (Node.js: Cannot find module 'x'; Python: No module named 'x'). */
export function missingModule(message: string): string | undefined {
  const m = /Cannot find (?:module|package) '([^']+)'/.exec(message) ?? /No module named '([^']+)'/.exec(message) ?? /cannot import name '([^']+)'/.exec(message);
  return m?.[1];
}

function initFailed(record: InvocationRecord): boolean {
  return record.logs.some((l) => l.includes('INIT_REPORT') && /Status: (error|timeout)/.test(l));
}

function buildFailure(message: string): string {
  if (/\bpip\b|requirements\.txt/i.test(message)) return PIP_NETWORK.test(message) ? 'blocked: PyPI unreachable' : 'build failed: pip';
  if (/\bnpm\b|package\.json/i.test(message)) return 'build failed: npm';
  if (/esbuild|TypeScript|\.ts\b/i.test(message)) return 'build failed: esbuild';
  return 'build failed: other';
}

/** The verdict on one invocation the engine finished. */
export function classifyRecord(record: InvocationRecord): Outcome {
  if (record.status === 'success') return { reached: true, reason: REACHED };
  const error = record.error;
  const type = error?.errorType ?? record.status;
  const detail = firstLine(error ? `${error.errorType}: ${error.errorMessage}` : record.status);
  const message = error?.errorMessage ?? '';
  const atInit = initFailed(record);
  if (type === 'faaslab.BuildFailed') return { reached: false, reason: buildFailure(message), detail: buildErrorLine(`${type}: ${message}`) };
  if (type === 'Runtime.ImportModuleError') {
    const mod = missingModule(message);
    return { reached: false, reason: `Runtime.ImportModuleError${mod ? ` (${mod})` : ''}`, detail };
  }
  if (LOAD_ERRORS.has(type)) return { reached: false, reason: type, detail };
  if (atInit && record.status === 'timeout') return { reached: false, reason: 'init timeout', detail };
  if (atInit || type.startsWith('faaslab.')) return { reached: false, reason: `init error: ${type}`, detail };
  // Init finished, so the handler ran: what it threw (a TypeError on {}, an AWS SDK error),
  // a timeout while it waited, or a crash it caused is the handler's own ending.
  return { reached: true, reason: REACHED, detail };
}

/** The verdict when the engine refused to run the function, or threw. */
export function classifyThrown(err: unknown): Outcome {
  const message = err instanceof Error ? err.message : String(err);
  const detail = firstLine(message);
  if (/PackageType Image/.test(message)) return { reached: false, reason: 'container image function', detail };
  if (/Runtime "[^"]*" is not supported|Runtime is missing|runtime .* (is )?deprecated/i.test(message)) return { reached: false, reason: 'runtime unsupported', detail };
  if (/(CodeUri|Code)\b.*is not a folder/.test(message)) return { reached: false, reason: 'code is an archive', detail };
  if (/(CodeUri|Code|InlineCode)\b.*(does not exist|missing)/.test(message)) return { reached: false, reason: 'code folder missing', detail };
  if (/(CodeUri|Code)\b.*cannot be resolved locally|faaslab cannot run code from S3/.test(message)) return { reached: false, reason: 'code in S3', detail };
  if (err instanceof Error && err.name === 'InvalidParameterValueException') return { reached: false, reason: 'function config rejected', detail };
  return { reached: false, reason: 'engine error', detail };
}

/**
 * A module missing because the function's layer is a published one (an ARN) the loader could
 * not bring here: the code needs that layer from AWS, an expected gap rather than a defect.
 */
export function withLoaderWarnings(outcome: Outcome, warnings: readonly string[]): Outcome {
  const external = warnings.find((w) => (w.startsWith('Layers') && w.includes('cannot be resolved locally')) || /^Layer arn:.* is published in AWS/.test(w));
  if (outcome.reached || !external || !outcome.reason.startsWith('Runtime.ImportModuleError')) return outcome;
  return { ...outcome, reason: 'needs an external layer', detail: `${outcome.detail ?? ''} [${firstLine(external)}]` };
}

/** The verdict for every function of a template that did not load. */
export function templateNotLoaded(message: string): Outcome {
  return { reached: false, reason: 'template did not load', detail: firstLine(message) };
}
