/**
 * How faaslab's own runtimes talk with the host besides the Lambda Runtime API.
 *
 * Init goes by the Runtime API, as for any runtime: the first GET /next ends it and brings the
 * first event. From then on, faaslab's Node.js runtime sends each answer over the IPC channel,
 * behind its log records, and takes the next event from its event pipe (fd 4), where it blocks
 * while it waits: no JavaScript of the function runs while it is blocked, which is Lambda's
 * freeze, and the host's one write both hands over the event and wakes it. The HTTP exchange
 * (GET /next answered, POST read, 202 written, the next GET read) and SIGCONT/SIGSTOP cost the
 * host six system calls per invocation and two SIGCHLDs, on each of which libuv calls waitpid
 * for every child; this way it is two: the event written, the answer read. Custom runtimes and
 * AWS's runtime interface clients use the Runtime API throughout, unchanged.
 */

/** The file descriptor of the event pipe in a runtime process. */
export const EVENT_FD = 4;

/** Host -> runtime: become this function's execution environment. */
export interface AssignMessage {
  t: 'assign';
  env: Record<string, string>;
  handler: string;
  taskRoot: string;
  /** Freeze between invocations: wait for events on the event pipe by blocking. */
  freeze: boolean;
  /** Python: the folder with boto3, appended to sys.path (runtime-launcher.ts). */
  sdkPath?: string;
  /** Python: what to say when the function imports boto3 and the host has none. */
  sdkHint?: string;
  /** Python: installed requirements and the layers' folders, after the task root on sys.path. */
  pythonPaths?: string[];
  /** Node.js: turn source maps on (the code was built from TypeScript). */
  sourceMaps?: boolean;
  /** Ruby: the function's and its layers' gem folders, GEM_PATH before Ruby's own gems. */
  gemPaths?: string[];
  /** Ruby: the layers' ruby/lib folders, after the task root on the load path. */
  rubyLib?: string[];
}

/**
 * How the host should freeze the runtime once it has an answer: 'hold' when the runtime's block
 * alone stops everything the function could run; 'stop' (SIGSTOP to its process group) when
 * worker threads or child processes of the function would run on meanwhile.
 */
export type FreezeMode = 'hold' | 'stop';

export interface AnswerMessage {
  t: 'answer';
  kind: 'response' | 'error';
  requestId: string;
  /** The response payload, or the error as JSON. */
  body: string;
  errorType?: string;
  /** Peak RSS of the runtime process so far: Max Memory Used. */
  maxRssKb: number;
  /** Absent when the host does not freeze this environment. */
  freeze?: FreezeMode;
  /** An uncaught exception or unhandled rejection: the runtime exits next. */
  fatal?: boolean;
}

/** Runtime -> host: started; one framed log record; an answer; or about to exit. */
export type RuntimeToHost = { t: 'ready' } | { t: 'log'; line: string } | AnswerMessage | { t: 'bye' };

/** One invocation as the host hands it over; the Runtime API's /next headers, as fields. */
export interface EventHeader {
  requestId: string;
  deadlineMs: number;
  functionArn: string;
  traceId?: string;
  clientContext?: string;
  cognitoIdentity?: string;
}

/** An event on the pipe: header length and payload length (32-bit big-endian), header JSON, payload. */
export function encodeEvent(header: EventHeader, payload: Buffer): Buffer {
  const head = Buffer.from(JSON.stringify(header));
  const frame = Buffer.allocUnsafe(8 + head.length + payload.length);
  frame.writeUInt32BE(head.length, 0);
  frame.writeUInt32BE(payload.length, 4);
  head.copy(frame, 8);
  payload.copy(frame, 8 + head.length);
  return frame;
}

/** The first whole frame in `buf` (its payload a view into `buf`), with its length, or undefined while it is incomplete. */
export function decodeEvent(buf: Buffer): { header: EventHeader; payload: Buffer; length: number } | undefined {
  if (buf.length < 8) return undefined;
  const headLength = buf.readUInt32BE(0);
  const length = 8 + headLength + buf.readUInt32BE(4);
  if (buf.length < length) return undefined;
  const header = JSON.parse(buf.toString('utf8', 8, 8 + headLength)) as EventHeader;
  return { header, payload: buf.subarray(8 + headLength, length), length };
}
