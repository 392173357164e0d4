"""faaslab's Python runtime: one process per execution environment, standard library only.

It starts as a spare, before any function is chosen, and waits on the host's IPC channel (the
socket Node.js hands a child as NODE_CHANNEL_FD, newline-delimited JSON) for a function to be
assigned. Init speaks the Lambda Runtime API as AWS's runtime interface client does (the first
GET /next ends it; an import failure is posted to /init/error); after the first event, answers
go back over the channel behind their log records and events arrive on the event pipe (fd 4),
where the process blocks between invocations: that block is Lambda's freeze
(electron/engine/runtime-protocol.ts describes the protocol the Node.js runtime shares).
"""
import decimal
import http.client
import importlib
import json
import logging
import os
import resource
import struct
import sys
import threading
import time
import traceback

import faaslab_endpoints

EVENT_FD = 4
NEXT_PATH = "/2018-06-01/runtime/invocation/next"
INIT_ERROR_PATH = "/2018-06-01/runtime/init/error"

_channel_fd = int(os.environ.get("NODE_CHANNEL_FD", "-1"))
_channel_buffer = b""
_send_lock = threading.Lock()


def send(message):
    data = (json.dumps(message, separators=(",", ":")) + "\n").encode("utf-8")
    with _send_lock:
        view = memoryview(data)
        while view:
            written = os.write(_channel_fd, view)
            view = view[written:]


def receive():
    """The next message on the channel; exits when the host is gone."""
    global _channel_buffer
    while b"\n" not in _channel_buffer:
        chunk = os.read(_channel_fd, 65536)
        if not chunk:
            os._exit(0)
        _channel_buffer += chunk
    line, _, _channel_buffer = _channel_buffer.partition(b"\n")
    return json.loads(line)


def read_exactly(fd, size):
    parts = []
    while size:
        chunk = os.read(fd, size)
        if not chunk:
            # The host closed the pipe: it is gone, and so is this environment.
            os._exit(0)
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)


class Invocation:
    __slots__ = ("request_id", "deadline_ms", "function_arn", "trace_id", "client_context", "cognito_identity", "payload")

    def __init__(self, request_id, deadline_ms, function_arn, trace_id, client_context, cognito_identity, payload):
        self.request_id = request_id
        self.deadline_ms = deadline_ms
        self.function_arn = function_arn
        self.trace_id = trace_id
        self.client_context = client_context
        self.cognito_identity = cognito_identity
        self.payload = payload


def next_from_pipe():
    head_length, payload_length = struct.unpack(">II", read_exactly(EVENT_FD, 8))
    header = json.loads(read_exactly(EVENT_FD, head_length))
    payload = read_exactly(EVENT_FD, payload_length) if payload_length else b""
    return Invocation(
        header["requestId"],
        int(header["deadlineMs"]),
        header.get("functionArn", ""),
        header.get("traceId"),
        header.get("clientContext"),
        header.get("cognitoIdentity"),
        payload,
    )


class RuntimeApi:
    """The Lambda Runtime API on one keep-alive connection, used for init only."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.conn = http.client.HTTPConnection(host or "127.0.0.1", int(port))

    def next(self):
        self.conn.request("GET", NEXT_PATH)
        res = self.conn.getresponse()
        body = res.read()
        h = {k.lower(): v for k, v in res.getheaders()}
        return Invocation(
            h.get("lambda-runtime-aws-request-id", ""),
            int(h.get("lambda-runtime-deadline-ms", str(int(time.time() * 1000) + 3000))),
            h.get("lambda-runtime-invoked-function-arn", ""),
            h.get("lambda-runtime-trace-id"),
            h.get("lambda-runtime-client-context"),
            h.get("lambda-runtime-cognito-identity"),
            body,
        )

    def init_error(self, error):
        body = json.dumps(error).encode("utf-8")
        headers = {"Lambda-Runtime-Function-Error-Type": error["errorType"], "Content-Type": "application/json"}
        self.conn.request("POST", INIT_ERROR_PATH, body=body, headers=headers)
        self.conn.getresponse().read()


# ---- logging: print() is plain text, line by line; the logging module one record per message --

_request_id = None

# As log-budget.ts: an invocation's log past 10 MB is dropped, here where a flood costs the
# function, with one line that says so. A line longer than a CloudWatch event goes in pieces.
LOG_BUDGET = 10 * 1024 * 1024
LOG_EVENT = 256 * 1024
_log_used = 0


def reset_log_budget():
    global _log_used
    _log_used = 0


def send_log(line):
    global _log_used
    if _log_used > LOG_BUDGET:
        return
    _log_used += len(line) + 1
    if _log_used > LOG_BUDGET:
        line = "faaslab: this invocation wrote more than 10 MB of log; the rest of it is dropped"
    send({"t": "log", "line": line})


class StdoutLines:
    """sys.stdout and sys.stderr: each whole line is one log record, as Lambda's stdout capture makes it."""

    def __init__(self, original):
        self._original = original
        self._pending = ""
        self.encoding = "utf-8"
        self.errors = "strict"

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        self._pending += text
        if "\n" in self._pending:
            *lines, self._pending = self._pending.split("\n")
            for line in lines:
                send_log(line)
        while len(self._pending) > LOG_EVENT:
            send_log(self._pending[:LOG_EVENT])
            self._pending = self._pending[LOG_EVENT:]
        return len(text)

    def flush(self):
        if self._pending:
            send_log(self._pending)
            self._pending = ""

    def isatty(self):
        return False

    def writable(self):
        return True

    def fileno(self):
        return self._original.fileno()

    def __getattr__(self, name):
        return getattr(self._original, name)


def _iso_time(created):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + ".%03dZ" % (int(created * 1000) % 1000)


class TextFormatter(logging.Formatter):
    """Lambda's text format: [LEVEL]\\ttimestamp\\trequestId\\tmessage (a traceback stays in the record)."""

    def format(self, record):
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        return "[%s]\t%s\t%s\t%s" % (record.levelname, _iso_time(record.created), getattr(record, "aws_request_id", "") or "", message)


_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "aws_request_id"}


class JsonFormatter(logging.Formatter):
    """Lambda's JSON format for the logging module: timestamp, level, message, logger, requestId, extras."""

    def format(self, record):
        out = {"timestamp": _iso_time(record.created), "level": record.levelname, "message": record.getMessage(), "logger": record.name}
        request_id = getattr(record, "aws_request_id", None)
        if request_id:
            out["requestId"] = request_id
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                out[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            etype, evalue, tb = record.exc_info
            out["errorType"] = etype.__name__
            out["errorMessage"] = str(evalue)
            out["stackTrace"] = traceback.format_list(traceback.extract_tb(tb))
            out["location"] = "%s:%s:%d" % (record.pathname, record.funcName, record.lineno)
        return json.dumps(out, default=str)


class ChannelHandler(logging.Handler):
    def emit(self, record):
        try:
            record.aws_request_id = _request_id
            send_log(self.format(record))
        except Exception:
            self.handleError(record)


def configure_logging(env):
    json_format = env.get("AWS_LAMBDA_LOG_FORMAT") == "JSON"
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = ChannelHandler()
    handler.setFormatter(JsonFormatter() if json_format else TextFormatter())
    root.addHandler(handler)
    # Advanced logging controls: with JSON, the application log level (INFO by default) filters.
    if json_format:
        root.setLevel(getattr(logging, env.get("AWS_LAMBDA_LOG_LEVEL", "INFO").upper().replace("TRACE", "DEBUG").replace("FATAL", "CRITICAL"), logging.INFO))
    return json_format


def log_error_record(json_format, error, label):
    """The record Lambda's Python runtime writes for an error: the type, message and traceback."""
    if json_format:
        line = json.dumps({
            "timestamp": _iso_time(time.time()),
            "log_level": "ERROR",
            "errorMessage": error["errorMessage"],
            "errorType": error["errorType"],
            "requestId": _request_id or "",
            "stackTrace": error["stackTrace"],
        })
    else:
        text = "[ERROR] %s: %s" % (error["errorType"], error["errorMessage"])
        if error["stackTrace"]:
            text += "\nTraceback (most recent call last):\n" + "".join(error["stackTrace"]).rstrip("\n")
        line = text
    send({"t": "log", "line": line})


# ---- errors ----------------------------------------------------------------------------------


def error_body(error_type, message, tb=None):
    trace = traceback.format_list(traceback.extract_tb(tb)) if tb is not None else []
    return {"errorMessage": message, "errorType": error_type, "requestId": _request_id or "", "stackTrace": trace}


def user_frames(tb):
    """Frames of this runtime are Lambda's, not the user's: the trace starts in the handler."""
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    return tb


class InitFailure(Exception):
    def __init__(self, body):
        super().__init__(body["errorMessage"])
        self.body = body


_sdk_hint = None


def load_handler(handler):
    try:
        module_path, function_name = handler.rsplit(".", 1)
    except ValueError as e:
        raise InitFailure(error_body("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, e)))
    if module_path.startswith("/") or module_path.startswith("."):
        raise InitFailure(error_body("Runtime.MalformedHandlerName", "Bad handler '%s': module path must be relative to the task root" % handler))
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as e:
        message = "Syntax error in module '%s': %s" % (module_path, e)
        body = error_body("Runtime.UserCodeSyntaxError", message)
        body["stackTrace"] = ['  File "%s" Line %s\n    %s\n' % (e.filename, e.lineno, (e.text or "").strip())]
        raise InitFailure(body)
    except ImportError as e:
        message = "Unable to import module '%s': %s" % (module_path, e)
        if _sdk_hint and getattr(e, "name", None) in ("boto3", "botocore"):
            message += " (faaslab: %s)" % _sdk_hint
        raise InitFailure(error_body("Runtime.ImportModuleError", message))
    except Exception as e:
        # An exception while the module runs its top level: Lambda reports it with its own type.
        _, _, tb = sys.exc_info()
        raise InitFailure(error_body(type(e).__name__, str(e), user_frames(tb)))
    fn = getattr(module, function_name, None)
    if fn is None:
        raise InitFailure(error_body("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_path)))
    return fn


# ---- the context object ----------------------------------------------------------------------


class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, data):
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")

    def __init__(self, data):
        self.installation_id = data.get("installation_id")
        self.app_title = data.get("app_title")
        self.app_version_name = data.get("app_version_name")
        self.app_version_code = data.get("app_version_code")
        self.app_package_name = data.get("app_package_name")


class ClientContext:
    __slots__ = ("client", "custom", "env")

    def __init__(self, data):
        client = data.get("client")
        self.client = Client(client) if isinstance(client, dict) else None
        self.custom = data.get("custom")
        self.env = data.get("env")


def _parse(text):
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class LambdaContext:
    def __init__(self, inv):
        env = os.environ
        self.aws_request_id = inv.request_id
        self.invoked_function_arn = inv.function_arn
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        identity = _parse(inv.cognito_identity)
        self.identity = CognitoIdentity(identity) if identity is not None else CognitoIdentity({})
        client_context = _parse(inv.client_context)
        self.client_context = ClientContext(client_context) if client_context is not None else None
        self._deadline_ms = inv.deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))

    def __repr__(self):
        return "LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,identity=%s])" % (
            self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name, self.memory_limit_in_mb,
            self.function_version, self.invoked_function_arn, self.client_context, self.identity,
        )


# ---- invoking --------------------------------------------------------------------------------


def _decimal(o):
    if isinstance(o, decimal.Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)


def invoke(handler, inv, json_format):
    global _request_id
    _request_id = inv.request_id
    reset_log_budget()
    if inv.trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = inv.trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    try:
        event = json.loads(inv.payload) if inv.payload else {}
    except ValueError as e:
        error = error_body("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e)
        log_error_record(json_format, error, "Invoke Error")
        return "error", error
    try:
        result = handler(event, LambdaContext(inv))
    except Exception as e:
        _, _, tb = sys.exc_info()
        error = error_body(type(e).__name__, str(e), user_frames(tb))
        log_error_record(json_format, error, "Invoke Error")
        return "error", error
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    try:
        return "response", json.dumps(result, default=_decimal)
    except (TypeError, ValueError) as e:
        error = error_body("Runtime.MarshalError", "Unable to marshal response: %s" % e)
        log_error_record(json_format, error, "Invoke Error")
        return "error", error


def freeze_mode():
    """'hold' when blocking this thread stops all the function could run; else 'stop' (SIGSTOP)."""
    if threading.active_count() > 1:
        return "stop"
    try:
        tasks = os.listdir("/proc/self/task")
        if len(tasks) > 1:
            return "stop"
        for task in tasks:
            with open("/proc/self/task/%s/children" % task) as f:
                if f.read().strip():
                    return "stop"
    except OSError:
        return "stop"
    return "hold"


def answer_message(kind, request_id, body, freeze):
    msg = {"t": "answer", "kind": kind, "requestId": request_id, "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    if kind == "response":
        msg["body"] = body
    else:
        msg["body"] = json.dumps(body)
        msg["errorType"] = body["errorType"]
    if freeze:
        msg["freeze"] = freeze
    return msg


def start(assign):
    global _request_id, _sdk_hint
    env = assign["env"]
    os.environ.clear()
    os.environ.update(env)
    task_root = assign["taskRoot"]
    os.chdir(task_root)
    # As on Lambda: the task root, then the layers' paths (PYTHONPATH), then the runtime's own.
    extra = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p] + list(assign.get("pythonPaths") or [])
    own_dir = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [task_root] + [p for p in extra if p != task_root] + [p for p in sys.path if p and p != own_dir]
    sdk = assign.get("sdkPath")
    if sdk and sdk not in sys.path:
        sys.path.append(sdk)
    _sdk_hint = assign.get("sdkHint")
    faaslab_endpoints.install()
    json_format = configure_logging(env)
    sys.stdout = StdoutLines(sys.__stdout__)
    sys.stderr = StdoutLines(sys.__stderr__)
    api = RuntimeApi(env["AWS_LAMBDA_RUNTIME_API"])
    try:
        handler = load_handler(assign["handler"])
    except InitFailure as failure:
        sys.stdout.flush()
        log_error_record(json_format, failure.body, "Init Error")
        try:
            api.init_error(failure.body)
        finally:
            send({"t": "bye"})
            os._exit(129)
    sys.stdout.flush()
    freezing = bool(assign.get("freeze"))
    inv = api.next()
    while True:
        kind, body = invoke(handler, inv, json_format)
        request_id = inv.request_id
        _request_id = None
        freeze = freeze_mode() if freezing else None
        send(answer_message(kind, request_id, body, freeze))
        inv = next_from_pipe()


def main():
    if _channel_fd < 0:
        sys.stderr.write("faaslab's Python runtime is started by faaslab, not by hand\n")
        sys.exit(2)
    send({"t": "ready"})
    while True:
        msg = receive()
        if isinstance(msg, dict) and msg.get("t") == "assign":
            start(msg)
            return


if __name__ == "__main__":
    main()
