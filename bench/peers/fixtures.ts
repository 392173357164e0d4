/**
 * The functions every target runs, written into a temporary folder: the same handler source for
 * faaslab, lambda-local, serverless-offline and the runtime interface client, so the figures differ
 * only in what runs them.
 */
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RIC } from './install.js';

/** What the hello function answers, and so what every HTTP target must answer. */
export const HELLO_BODY = JSON.stringify({ message: 'hello' });

const HELLO = `exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ message: 'hello' }) });\n`;
// Waits long enough that concurrent invocations overlap, so each one needs its own environment.
const SLEEP = `exports.handler = () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: '{"slept":300}' }), 300));\n`;

export const SERVICE = 'faaslab-bench';
export const STAGE = 'dev';
/** The name serverless-offline's Lambda invoke port knows a function by. */
export const slsFunctionName = (fn: string) => `${SERVICE}-${STAGE}-${fn}`;

export interface Fixtures {
  root: string;
  /** A SAM workspace: HelloFunction (with an HttpApi GET /hello), SleepFunction, maybe RicFunction. */
  faaslabDir: string;
  /** A serverless service: functions hello (httpApi GET /hello) and sleep. */
  serviceDir: string;
  /** The hello handler file, for lambda-local. */
  helloFile: string;
  stateDir: string;
}

/**
 * `withRic` adds RicFunction, a provided.al2023 function whose bootstrap is the runtime interface
 * client installed in `peersDir`.
 */
export function writeFixtures(peersDir: string, withRic: boolean): Fixtures {
  const root = mkdtempSync(path.join(os.tmpdir(), 'faaslab-bench-'));
  const faaslabDir = path.join(root, 'faaslab');
  const serviceDir = path.join(root, 'serverless');
  const stateDir = path.join(root, 'state');
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };

  write(path.join(faaslabDir, 'functions/hello/index.js'), HELLO);
  write(path.join(faaslabDir, 'functions/sleep/index.js'), SLEEP);
  let ric = '';
  if (withRic) {
    write(path.join(faaslabDir, 'functions/ric/index.js'), HELLO);
    const bootstrap = path.join(faaslabDir, 'functions/ric/bootstrap');
    // The engine gives a custom runtime Lambda's environment only (PATH included), not the
    // bench's: name this very node binary, so the client runs on the Node the bench runs on.
    write(bootstrap, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(path.join(peersDir, 'node_modules', RIC, 'index.mjs'))} index.handler\n`);
    chmodSync(bootstrap, 0o755);
    ric = `
  RicFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/ric/
      Runtime: provided.al2023
      Handler: index.handler
`;
  }
  write(
    path.join(faaslabDir, 'template.yaml'),
    `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    MemorySize: 128
    Timeout: 10
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/hello/
      Handler: index.handler
      Events:
        Hello:
          Type: HttpApi
          Properties:
            Path: /hello
            Method: GET
  SleepFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/sleep/
      Handler: index.handler
${ric}`,
  );

  write(path.join(serviceDir, 'hello.js'), HELLO);
  write(path.join(serviceDir, 'sleep.js'), SLEEP);
  write(
    path.join(serviceDir, 'serverless.yml'),
    `service: ${SERVICE}
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  stage: ${STAGE}
  region: us-east-1
  memorySize: 128
  timeout: 10
plugins:
  - serverless-offline
functions:
  hello:
    handler: hello.handler
    events:
      - httpApi:
          path: /hello
          method: get
  sleep:
    handler: sleep.handler
`,
  );
  // serverless loads its plugins from the service's node_modules: the peers' folder.
  symlinkSync(path.join(peersDir, 'node_modules'), path.join(serviceDir, 'node_modules'), 'dir');
  mkdirSync(stateDir, { recursive: true });
  return { root, faaslabDir, serviceDir, helloFile: path.join(faaslabDir, 'functions/hello/index.js'), stateDir };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
