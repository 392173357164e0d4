/**
 * Inline code's cfn-response module, as CloudFormation provides it: a custom resource written in
 * InlineCode (Python) or Code.ZipFile (Node.js) imports it and answers the ResponseURL of its
 * event with the documented response object; a function from a CodeUri folder does not get it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine } from '../../../electron/engine/engine.js';
import { loadWorkspace, problemsByFunction } from '../../../electron/workspace/read/template-loader.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  PythonResource:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      InlineCode: |
        import cfnresponse
        def handler(event, context):
            cfnresponse.send(event, context, cfnresponse.SUCCESS, {"Made": "bucket"}, "py-resource-1")
  NodeResource:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: arn:aws:iam::123456789012:role/r
      Code:
        ZipFile: |
          const response = require('cfn-response');
          exports.handler = async (event, context) => {
            await response.send(event, context, response.FAILED, { Why: 'test' }, undefined, true, 'it failed');
          };
  FolderFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
`;

interface Received {
  method: string;
  path: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

let dir: string;
let engine: Engine;
let server: http.Server;
const received: Received[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  writeFiles(dir, { 'template.yaml': TEMPLATE, 'src/app.py': 'import cfnresponse\ndef handler(event, context):\n    return 1\n' });
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, contentType: req.headers['content-type'], body: JSON.parse(text) as Record<string, unknown> });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ws = await loadWorkspace(dir);
  engine = new Engine({ functions: ws.functions, problems: problemsByFunction(ws), spareProcesses: 0 });
});

afterAll(async () => {
  await engine?.close();
  server?.close();
  removeTempDir(dir);
});

const event = (n: number) => ({
  RequestType: 'Create',
  ResponseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/answer-${n}?sig=x`,
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
  RequestId: `req-${n}`,
  LogicalResourceId: `Custom${n}`,
  ResourceType: 'Custom::Thing',
});

describe('cfn-response beside inline code', { timeout: 30_000 }, () => {
  it('lets inline Python answer CloudFormation with cfnresponse.send', async () => {
    const { record } = await engine.invoke('PythonResource', { payload: JSON.stringify(event(1)) });
    expect(record.status).toBe('success');
    const answer = received.find((r) => r.path.startsWith('/answer-1'));
    expect(answer).toMatchObject({ method: 'PUT', contentType: '' });
    expect(answer!.body).toEqual({
      Status: 'SUCCESS',
      Reason: `See the details in CloudWatch Log Stream: ${record.logStream}`,
      PhysicalResourceId: 'py-resource-1',
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
      RequestId: 'req-1',
      LogicalResourceId: 'Custom1',
      NoEcho: false,
      Data: { Made: 'bucket' },
    });
  });

  it("lets Code.ZipFile Node.js answer with require('cfn-response')", async () => {
    const { record } = await engine.invoke('NodeResource', { payload: JSON.stringify(event(2)) });
    expect(record.status).toBe('success');
    const answer = received.find((r) => r.path.startsWith('/answer-2'));
    expect(answer?.method).toBe('PUT');
    // No physical id given: the log stream stands for it, as the module does.
    expect(answer!.body).toMatchObject({ Status: 'FAILED', Reason: 'it failed', PhysicalResourceId: record.logStream, RequestId: 'req-2', NoEcho: true, Data: { Why: 'test' } });
  });

  it('gives the module to inline code only, as CloudFormation does', async () => {
    const { record } = await engine.invoke('FolderFunction', { payload: '{}' });
    expect(record.error?.errorType).toBe('Runtime.ImportModuleError');
    expect(record.error?.errorMessage).toContain("No module named 'cfnresponse'");
  });
});
