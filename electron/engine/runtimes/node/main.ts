/**
 * faaslab's Node.js runtime: one process per execution environment. It starts as a spare, before
 * any function is chosen, and waits for the host to assign one over the IPC channel: that keeps
 * process start-up out of cold starts, as Lambda keeps sandbox creation out of Init Duration.
 * Init speaks the Lambda Runtime API like AWS's own runtime interface client; after the first
 * event, answers and events take a shorter way (runtime-protocol.ts).
 */
import Module from 'node:module';
import { RuntimeClient, type ErrorBody, type NextInvocation } from './runtime-client.js';
import { EventPipe } from './event-pipe.js';
import { freezeMode, watchProcessStarts } from './freeze-mode.js';
import { FunctionLogger } from './logging.js';
import { loadHandler, type Handler } from './handler-loader.js';
import { RuntimeError, toErrorBody } from './errors.js';
import { supportsCallbackHandlers } from '../../../../shared/lambda/runtimes.js';
import { createContext } from './context.js';
import { installAwsLambdaGlobal, StreamedResponse } from './response-stream.js';
import { LogBudget } from '../../log-budget.js';
import type { AnswerMessage, AssignMessage, FreezeMode, RuntimeToHost } from '../../runtime-protocol.js';

type Answer = { kind: 'response'; requestId: string; body: string } | { kind: 'error'; requestId: string; error: ErrorBody };

const send = (msg: RuntimeToHost) => process.send?.(msg);
/** Resolves once the message is written to the channel, not just queued in this process. */
const sendWritten = (msg: RuntimeToHost) => new Promise<void>((resolve) => (process.send ? process.send(msg, () => resolve()) : resolve()));
const logBudget = new LogBudget();
const logger = new FunctionLogger((line) => {
  const kept = logBudget.take(line);
  if (kept !== undefined) send({ t: 'log', line: kept });
});

/** The host freezes this environment between invocations (AssignMessage.freeze). */
let freezing = false;
/** How the host should freeze this process while it waits for its next event (runtime-protocol.ts). */
function currentFreezeMode(): FreezeMode | undefined {
  return freezing ? freezeMode() : undefined;
}

function answerMessage(answer: Answer, freeze: FreezeMode | undefined): AnswerMessage {
  const maxRssKb = process.resourceUsage().maxRSS;
  const msg: AnswerMessage =
    answer.kind === 'response'
      ? { t: 'answer', kind: 'response', requestId: answer.requestId, body: answer.body, maxRssKb }
      : { t: 'answer', kind: 'error', requestId: answer.requestId, body: JSON.stringify(answer.error), errorType: answer.error.errorType, maxRssKb };
  if (freeze) msg.freeze = freeze;
  return msg;
}

const events = new EventPipe();

let client: RuntimeClient;
let current: NextInvocation | undefined;
/** nodejs24.x and later: promise handlers only, no callback, no waiting for the event loop. */
let callbacks = true;
/** The message Lambda's nodejs24.x runtime gives a handler declared with a callback parameter. */
const CALLBACK_HANDLER_REMOVED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
/** Set while an invocation may still end because the event loop drained. */
let onEmptyLoop: (() => void) | undefined;

// The host going away (even by SIGKILL) closes the channel: never outlive it.
process.on('disconnect', () => process.exit(0));
watchProcessStarts();
process.on('message', (msg: AssignMessage) => {
  if (msg.t === 'assign') void start(msg);
});
process.on('beforeExit', () => onEmptyLoop?.());
process.on('uncaughtException', (err) => void die(err, 'Uncaught Exception', undefined, 129));
process.on('unhandledRejection', (reason) => {
  const error = toErrorBody(reason instanceof Error ? reason : new Error(String(reason)));
  error.errorType = 'Runtime.UnhandledPromiseRejection';
  error.errorMessage = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  void die(reason, 'Unhandled Promise Rejection', error, 128);
});
send({ t: 'ready' });

async function start(msg: AssignMessage): Promise<void> {
  // From here the Runtime API connection keeps the process alive; the channel must not, or a
  // drained event loop (callbackWaitsForEmptyEventLoop) could never be seen.
  process.channel?.unref();
  freezing = msg.freeze;
  callbacks = supportsCallbackHandlers(msg.env.AWS_EXECUTION_ENV?.replace('AWS_Lambda_', '') ?? '');
  // Only what changes: setting or deleting TZ makes ICU look the time zone up again.
  for (const key of Object.keys(process.env)) if (!(key in msg.env)) delete process.env[key];
  for (const [key, value] of Object.entries(msg.env)) if (process.env[key] !== value) process.env[key] = value;
  // NODE_PATH is read once at start-up; re-read it now that the function's value is set.
  (Module as unknown as { _initPaths(): void })._initPaths();
  process.chdir(msg.taskRoot);
  if (msg.sourceMaps) process.setSourceMapsEnabled(true);
  logger.configure(process.env);
  logger.install();
  quietHostNodeWarnings();
  client = new RuntimeClient(msg.env.AWS_LAMBDA_RUNTIME_API!);

  installAwsLambdaGlobal();
  let handler: Handler;
  try {
    handler = await loadHandler(msg.taskRoot, msg.handler);
    if (!callbacks && handler.length >= 3) throw new RuntimeError('Runtime.CallbackHandlerDeprecated', CALLBACK_HANDLER_REMOVED);
  } catch (err) {
    const body = toErrorBody(err);
    logErrorRecord('Init Error', body);
    await client.postInitError(body).catch(() => {});
    return exitAfterLogs(129);
  }
  // The first event comes by the Runtime API (asking for it ends init); the others by the pipe.
  let inv = await client.next();
  for (;;) {
    const answer = await invoke(handler, inv);
    finishInvocation();
    const freeze = currentFreezeMode();
    // Written, not queued, before this thread blocks: the host waits for it.
    await sendWritten(answerMessage(answer, freeze));
    // One turn of the event loop first, as the HTTP round trip to /next gives on Lambda:
    // immediates run, and a rejection nobody handled ends the environment now instead of
    // surfacing in a later invocation.
    await new Promise((resolve) => setImmediate(resolve));
    // Holding means blocking. Stopped, the host's SIGSTOP does the freezing. And should that turn
    // have started a process or a worker, this one idle time goes unfrozen rather than wrong.
    inv = freeze === 'hold' && freezeMode() === 'hold' && !events.streaming ? events.nextBlocking() : await events.next();
  }
}

async function invoke(handler: Handler, inv: NextInvocation): Promise<Answer> {
  current = inv;
  logger.requestId = inv.requestId;
  logBudget.reset();
  if (inv.traceId) process.env._X_AMZN_TRACE_ID = inv.traceId;
  else delete process.env._X_AMZN_TRACE_ID;

  const outcome = await new Promise<{ err?: unknown; failed: boolean; result?: unknown }>((resolve) => {
    let settled = false;
    const finish = (failed: boolean, err?: unknown, result?: unknown) => {
      if (settled) return;
      settled = true;
      onEmptyLoop = undefined;
      resolve({ failed, err, result });
    };
    let calledBack = false;
    const callback = (err?: unknown, result?: unknown) => {
      // The first call wins (ARCHITECTURE.md, Lambda behaviour 6), also while it waits for the loop to drain.
      if (calledBack) return;
      calledBack = true;
      const failed = err !== undefined && err !== null;
      if (context.callbackWaitsForEmptyEventLoop) onEmptyLoop = () => finish(failed, err, result);
      else finish(failed, err, result);
    };
    const context = createContext(inv, process.env, callback, callbacks);
    if (!callbacks) {
      // nodejs24.x: the handler's return value (or what its promise gives) is the answer, at once.
      try {
        Promise.resolve(handler(parseEvent(inv.event), context, undefined as never)).then(
          (value) => finish(false, undefined, value),
          (err: unknown) => finish(true, err ?? new Error('Promise rejected')),
        );
      } catch (err) {
        finish(true, err);
      }
      return;
    }
    // A handler that neither returns a promise nor calls back answers null once the loop drains.
    onEmptyLoop = () => finish(false, undefined, null);
    try {
      const returned = handler(parseEvent(inv.event), context, callback) as PromiseLike<unknown> | undefined;
      if (returned && typeof returned.then === 'function') {
        returned.then(
          (value) => finish(false, undefined, value),
          (err: unknown) => finish(true, err ?? new Error('Promise rejected')),
        );
      }
    } catch (err) {
      finish(true, err);
    }
  });

  logger.flush();
  if (outcome.failed) {
    const error = toErrorBody(outcome.err);
    logErrorRecord('Invoke Error', error);
    return { kind: 'error', requestId: inv.requestId, error };
  }
  try {
    if (outcome.result instanceof StreamedResponse) return { kind: 'response', requestId: inv.requestId, body: outcome.result.body.toString('utf8') };
    return { kind: 'response', requestId: inv.requestId, body: JSON.stringify(outcome.result === undefined ? null : outcome.result) };
  } catch (err) {
    return { kind: 'error', requestId: inv.requestId, error: toErrorBody(err, 'Runtime.SerializationError') };
  }
}

function finishInvocation(): void {
  current = undefined;
  logger.requestId = undefined;
}

function parseEvent(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Lambda's runtime reports the error, then ends the environment: the next invocation is cold. */
async function die(err: unknown, label: string, body = toErrorBody(err), exitCode: number): Promise<void> {
  logger.flush();
  logErrorRecord(label, body);
  if (current) send({ ...answerMessage({ kind: 'error', requestId: current.requestId, error: body }, undefined), fatal: true });
  await exitAfterLogs(exitCode);
}

/** IPC sends are asynchronous: let the log records reach the host before the process ends. */
function exitAfterLogs(code: number): Promise<never> {
  return new Promise(() => {
    if (!process.send || !process.connected) process.exit(code);
    process.send({ t: 'bye' } satisfies RuntimeToHost, () => process.exit(code));
  });
}

/** The ERROR record Lambda's Node.js runtime writes for a failure: a label, then the error as JSON. */
function logErrorRecord(label: string, body: ReturnType<typeof toErrorBody>): void {
  logger.log('ERROR', [`${label} \t${JSON.stringify({ errorType: body.errorType, errorMessage: body.errorMessage, stack: body.trace })}`]);
}

/**
 * The AWS SDK warns, once per process, that its next releases will need a newer Node.js than the
 * one it runs on. Here that is the Node.js running faaslab, with the SDK faaslab provides (newer
 * than the one Lambda bundles), whatever the function declares: the warning says nothing about the
 * function, and on Lambda its runtime would not print it, so it is dropped.
 */
function quietHostNodeWarnings(): void {
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.startsWith('NodeVersionSupportWarning')) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}
