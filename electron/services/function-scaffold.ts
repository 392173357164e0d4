/** Starter code for a new function: what functions.create and a new workspace write. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FUNCTION_TEMPLATES } from '../../shared/api/contract.js';

export type FunctionTemplate = (typeof FUNCTION_TEMPLATES)[number];

/** HelloWorldFunction -> hello-world-function, APIHandler -> api-handler. */
export function kebabCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

export function nodeHandlerSource(logicalId: string): string {
  return `// ${logicalId}: Lambda calls \`handler\` with each event; what it returns is the response.
export const handler = async (event, context) => {
  console.log('event', JSON.stringify(event));
  const name = event?.name ?? 'world';
  return { message: \`Hello, \${name}, from \${context.functionName}!\` };
};
`;
}

export function pythonHandlerSource(logicalId: string): string {
  return `"""${logicalId}: Lambda calls handler with each event; what it returns is the response."""
import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    logger.info("event %s", json.dumps(event))
    name = event.get("name", "world") if isinstance(event, dict) else "world"
    return {"message": f"Hello, {name}, from {context.function_name}!"}
`;
}

/** A custom runtime (provided.al2023) in POSIX sh: it speaks the Runtime API itself, with curl. */
export const BOOTSTRAP_SOURCE = `#!/bin/sh
# A custom runtime: this script is the runtime. It asks the Lambda Runtime API for the next
# event, handles it, and posts the response, for as long as the environment lives.
set -eu

API="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"

# Init phase: runs once per execution environment.
echo "bootstrap starting (handler: \${_HANDLER})"
HEADERS="$(mktemp)"
BODY="$(mktemp)"
trap 'rm -f "$HEADERS" "$BODY"' EXIT

while true; do
  curl -sS -LD "$HEADERS" -o "$BODY" "\${API}/invocation/next"
  REQUEST_ID="$(tr -d '\\r' < "$HEADERS" |
    awk -F': *' 'tolower($1) == "lambda-runtime-aws-request-id" { print $2; exit }')"
  echo "event: $(cat "$BODY")"

  EVENT="$(cat "$BODY")"
  printf '{"message":"Hello from sh","event":%s}' "\${EVENT:-null}" |
    curl -sS -o /dev/null -X POST --data-binary @- "\${API}/invocation/\${REQUEST_ID}/response"
done
`;

/** The template properties and files of a new function. */
export function functionProperties(template: FunctionTemplate, codeUri: string): Record<string, string> {
  switch (template) {
    case 'nodejs':
      return { CodeUri: codeUri, Handler: 'index.handler', Runtime: 'nodejs20.x' };
    case 'python':
      return { CodeUri: codeUri, Handler: 'app.handler', Runtime: 'python3.12' };
    case 'provided-shell':
      return { CodeUri: codeUri, Handler: 'function.handler', Runtime: 'provided.al2023' };
  }
}

export async function writeFunctionCode(dir: string, logicalId: string, template: FunctionTemplate): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (template === 'nodejs') {
    await writeFile(path.join(dir, 'index.mjs'), nodeHandlerSource(logicalId));
    return;
  }
  if (template === 'python') {
    await writeFile(path.join(dir, 'app.py'), pythonHandlerSource(logicalId));
    return;
  }
  const bootstrap = path.join(dir, 'bootstrap');
  await writeFile(bootstrap, BOOTSTRAP_SOURCE);
  await chmod(bootstrap, 0o755);
}
