/** `faaslab queue send` and `faaslab topic publish` against a running `faaslab serve`: real processes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { runCli, startServe } from '../../helpers/cli.js';
import { makeTempDir, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt JobsDlq.Arn
        maxReceiveCount: 3
  JobsDlq:
    Type: AWS::SQS::Queue
  News:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: sqs
          Endpoint: !GetAtt Inbox.Arn
  Inbox:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.handler
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
`;

let dir: string;
let proc: ChildProcess | undefined;
let output: () => string;

beforeAll(async () => {
  dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.mjs': `export const handler = async (e) => { console.log('GOT ' + e.Records.map((r) => r.body).join(',')); };\n` });
  const s = await startServe(['--workspace', dir, '--api-port', '0']);
  proc = s.proc;
  output = s.output;
}, 30_000);
afterAll(() => {
  proc?.kill('SIGTERM');
  removeTempDir(dir);
});

describe('faaslab queue / topic', () => {
  it('serve prints the queues with their DLQ and the topics with subscribers', async () => {
    await waitFor(() => output().includes('News'), 'the topic line');
    expect(output()).toMatch(/Jobs {2}local-Jobs, DLQ JobsDlq after 3 receives {2}-> Worker/);
    expect(output()).toMatch(/News {2}local-News {2}-> queue Inbox/);
  });

  it('queue send reaches the running host and the SQS trigger runs the function', async () => {
    const r = await runCli(['queue', 'send', 'Jobs', 'job-1', '--workspace', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => output().includes('GOT job-1'), 'the function log line');
  });

  it('topic publish fans out to the subscribed queue', async () => {
    const r = await runCli(['topic', 'publish', 'News', 'hello', '--subject', 'Hi', '--workspace', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('delivered to 1 subscriber');
  });

  it('--help, usage mistakes and unknown queues', async () => {
    expect((await runCli(['queue', '--help'])).stdout).toContain('Usage: faaslab queue send');
    expect((await runCli(['topic', '--help'])).stdout).toContain('Usage: faaslab topic publish');
    expect((await runCli(['queue', 'send', 'Jobs'])).code).toBe(2);
    const missing = await runCli(['queue', 'send', 'Nope', 'x', '--workspace', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no queue Nope');
  });
});
