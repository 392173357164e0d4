export const MAIN_HELP = `faaslab: run AWS Lambda functions locally, the way Lambda runs them.

Usage: faaslab <command> [options]

Commands:
  invoke <Function>   Run one function once and print its response (like sam local invoke)
  load <Function>     Fire N invocations, C at a time, and report throttles, cold starts, errors
                      and Duration p50/p99, with a progress bar (-n N -c C)
  sweep <Function>    Run an event at several memory sizes: Duration and cost per size, the
                      cheapest and the fastest (CPU follows memory, as on Lambda, where it can)
  serve               Serve the workspace's functions on the Lambda Invoke API and its HTTP triggers
                      (like sam local start-lambda and start-api), and run its schedules
  schedule fire       Fire a schedule of the workspace a running faaslab serves, now
  logs <Function>     Print a function's stored log lines, matching a CloudWatch filter pattern
                      (--filter); --follow keeps printing new ones from a running faaslab
  table put|delete    Write (or scan) a local DynamoDB table of the workspace a running faaslab
                      serves; the write goes to the table's stream
  queue send          Send a message to a queue of the workspace a running faaslab serves
  topic publish       Publish a message to a topic of the workspace a running faaslab serves
  history             List the stored invocations of a workspace (works without a running faaslab)
  validate            Check template.yaml (like sam validate): each function with its runtime,
                      handler, memory, timeout and triggers, or the errors with file:line:col
  list                List the workspace's functions
  ui                  Open the workbench: the desktop app, or with --browser in your web browser
  events              List sample trigger events, or print one as JSON (like sam local generate-event)
  test                Run the saved events that have an expected result (events/<name>.expect.json)
                      and report pass or fail; --junit writes a JUnit XML report

Options:
  -h, --help          Show help (also: faaslab <command> --help)
  -v, --version       Show the version

A workspace is a folder with an AWS SAM template.yaml. See README.md for a tour.`;

export const INVOKE_HELP = `Usage: faaslab invoke <Function> [--workspace DIR] [--event FILE|-] [--json]

Runs the function once in a fresh execution environment (a cold start) and prints its response
on stdout and its log lines (INIT_START, START, your logs, END, REPORT) on stderr.
<Function> is the logical id in template.yaml, or the FunctionName.

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -e, --event FILE      The event, a JSON file; '-' reads standard input (default: {})
      --json            Print one JSON invocation record instead: requestId, functionName,
                        status, response or error, coldStart, durationMs, billedDurationMs,
                        initDurationMs, memorySizeMb, maxMemoryUsedMb, logs
  -h, --help            Show this help

Exit status: 0 when the function succeeded; 1 for a function error, timeout, crash, out of
memory or throttle, and for a workspace that cannot be loaded; 2 for a usage mistake.`;

export const SERVE_HELP = `Usage: faaslab serve [--workspace DIR] [--lambda-port N] [--api-port N] [--host ADDRESS]

Starts the Lambda Invoke API for the workspace's functions, so the AWS CLI and SDKs can call
them: aws lambda invoke --endpoint-url http://127.0.0.1:3001 --function-name HelloFunction out.json
and the HTTP triggers of template.yaml (HttpApi and Api events, Function URLs under
/_url/<Function>/) on a second port, as sam local start-api does. Schedules (Schedule and
ScheduleV2 events) fire on time while it runs; faaslab schedule fire runs one now.
Prints the endpoints once they are ready, then the log lines of every invocation and one line
per trigger request; stops on Ctrl+C. The Invoke API's port also serves the host API to local
clients (a WebSocket at /api, with the token that <workspace>/.faaslab/host.json holds while it runs).

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -l, --lambda-port N   Port of the Invoke API (default: 3001; 0 picks a free one)
  -a, --api-port N      Port of the HTTP triggers (default: 3000, or a free one when 3000 is
                        taken; 0 picks a free one)
      --host ADDRESS    Address to listen on (default: 127.0.0.1)
  -h, --help            Show this help`;

export const SCHEDULE_HELP = `Usage: faaslab schedule fire <Function> [<EventName>] [--workspace DIR] [--json]

Fires a schedule (a Schedule or ScheduleV2 event of template.yaml) now, enabled or not, in the
faaslab that serves the workspace (faaslab serve, or the workbench), with the event EventBridge
would send: the Scheduled Event, or the event's Input. Prints the function's response on stdout
and its log lines on stderr. <EventName> may be left out when the function has one schedule.

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
      --json            Print the whole invocation record as JSON instead
  -h, --help            Show this help

Exit status: 0 when the function succeeded; 1 when it failed, when no faaslab serves the
workspace, or when there is no such schedule; 2 for a usage mistake.`;

export const UI_HELP = `Usage: faaslab ui [--browser] [--workspace DIR] [--port N] [--api-port N]

Opens the faaslab workbench on a workspace. It runs in the desktop app (Electron) when the
Electron binary is installed, or one named by ELECTRON_OVERRIDE_DIST_PATH; otherwise, or with
--browser, it serves the workbench to your web browser on 127.0.0.1 and prints one line with
its address, which carries a secret token: open that exact URL. Stops on Ctrl+C.
The same port serves the Lambda Invoke API (as faaslab serve does), without a token.

Options:
  -b, --browser         Use your web browser instead of the desktop app
  -w, --workspace DIR   The folder with template.yaml (default: the current folder in the
                        browser; the last one opened, or the examples, in the desktop app)
  -p, --port N          Port of the workbench and the Invoke API (default: 3001, or a free one
                        when 3001 is taken; 0 picks a free one)
  -a, --api-port N      Port of the HTTP triggers (default: 3000, or a free one when 3000 is
                        taken; 0 picks a free one)
  -h, --help            Show this help

Environment:
  ELECTRON_OVERRIDE_DIST_PATH   A folder with an Electron 45 you already have
  FAASLAB_RENDERER_DIR          Serve the workbench from this folder instead of dist/renderer`;

export const EVENTS_HELP = `Usage: faaslab events list [<service>] [--json]
       faaslab events generate <service> <type> [--<field> VALUE ...]

Sample events for Lambda's trigger sources, in the shapes AWS sends them, with fresh ids and
times on every run: the services of sam local generate-event that people use most, plus
Function URL, WebSocket, HTTP API authorizer, EventBridge custom events and Kafka.
An event piped into faaslab invoke runs a function with it:
  faaslab events generate s3 put --key 'photos/my cat.jpg' | faaslab invoke ResizeFunction --event -

Commands:
  list [<service>]            A table of the events: service, type and description
  generate <service> <type>   Print the event as JSON; --<field> VALUE overrides one of its
                              fields (faaslab events generate <service> <type> --help lists them)

Options:
      --json                  With list: print the templates, with their fields, as JSON
  -h, --help                  Show this help

Exit status: 0 on success; 2 for a usage mistake, such as an unknown service, type or field,
or a value a field cannot take.`;

export const EVENTS_GENERATE_HELP = `Usage: faaslab events generate <service> <type> [--<field> VALUE ...]
       faaslab events generate <id> [--<field> VALUE ...]

Prints a sample event as JSON on stdout. Each event has a few fields to override, given as
--<field> VALUE or --<field>=VALUE; faaslab events generate <service> <type> --help lists them.
sam's names work too: cloudwatch scheduled-event is events schedule.

Options:
  -h, --help   Show this help, or with <service> <type> the event's fields`;

export const LOGS_HELP = `Usage: faaslab logs <Function> [--workspace DIR] [--limit N] [--filter PATTERN] [--follow] [--json]

Prints the newest stored log lines of one function (<Function>: the logical id or the
FunctionName), oldest first, from the workspace's history (<workspace>/.faaslab/history/):
it works whether or not faaslab is running, and after a restart. With --follow it then prints
every new line from the faaslab that serves the workspace (faaslab serve, or the workbench)
until Ctrl+C.

--filter takes a CloudWatch Logs filter pattern:
  ERROR timeout              lines with every term (case-sensitive); "a phrase" is one term
  ERROR -DEBUG               lines with ERROR and without DEBUG
  ?ERROR ?WARN               lines with any of the ? terms
  { $.level = "ERROR" }      JSON lines (LoggingConfig LogFormat JSON) whose field matches:
                             = and != with * wildcards, < > <= >= on numbers, IS TRUE|FALSE|NULL,
                             EXISTS, NOT EXISTS; join with && and || and ( ); $.a.b, $.arr[0]
  [ip, ..., status = 5*, bytes > 1000]
                             space-delimited fields by position; ... is any number of fields

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -n, --limit N         The newest N matching lines (default 100; 0 for all)
  -f, --follow          Keep printing new lines until Ctrl+C or SIGTERM (needs a running faaslab)
      --filter PATTERN  Print only the lines that match PATTERN
      --json            Print one JSON object per line: logStream, requestId, time (epoch ms), line
  -h, --help            Show this help

Exit status: 0 on success (also when --follow is stopped, and when nothing is stored yet);
1 when the workspace has no such function, or --follow finds no faaslab serving it; 2 for a
usage mistake or a bad filter pattern.`;
