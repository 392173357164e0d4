export const MAIN_HELP = `faaslab: run AWS Lambda functions locally, the way Lambda runs them.

Usage: faaslab <command> [options]

Commands:
  invoke <Function>   Run one function once and print its response (like sam local invoke)
  serve               Serve the workspace's functions on the Lambda Invoke API (like sam local start-lambda)

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

export const SERVE_HELP = `Usage: faaslab serve [--workspace DIR] [--lambda-port N] [--host ADDRESS]

Starts the Lambda Invoke API for the workspace's functions, so the AWS CLI and SDKs can call
them: aws lambda invoke --endpoint-url http://127.0.0.1:3001 --function-name HelloFunction out.json
Prints the endpoint once it is ready and the log lines of every invocation; stops on Ctrl+C.

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -l, --lambda-port N   Port of the Invoke API (default: 3001; 0 picks a free one)
      --host ADDRESS    Address to listen on (default: 127.0.0.1)
  -h, --help            Show this help`;
