/**
 * The local AWS endpoint's cost as a function sees it: a function (its own process, the SDK the
 * runtime provides) times DynamoDB GetItem calls to faaslab's endpoint, and the same calls with
 * the same SDK to a server in the bench process that answers the same item without doing
 * anything: the difference is what faaslab's endpoint adds.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHost } from '../electron/services/create-host.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  BenchTable:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: bench
  Caller:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: caller/
      Handler: index.handler
      Timeout: 120
`;

const CALLER = `const { DynamoDBClient, GetItemCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');
exports.handler = async ({ endpoint, n }) => {
  // endpoint undefined: the SDK's own configuration, i.e. AWS_ENDPOINT_URL (faaslab's endpoint).
  const db = new DynamoDBClient(endpoint ? { endpoint } : {});
  await db.send(new PutItemCommand({ TableName: 'bench', Item: { id: { S: 'k' }, n: { N: '1' } } })).catch(() => {});
  const times = [];
  for (let i = 0; i < n + 50; i++) {
    const t = performance.now();
    await db.send(new GetItemCommand({ TableName: 'bench', Key: { id: { S: 'k' } } }));
    if (i >= 50) times.push(performance.now() - t);
  }
  return times;
};
`;

export async function localAwsGetItemMs(n: number): Promise<{ endpoint: number[]; bareServer: number[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-bench-aws-'));
  mkdirSync(path.join(dir, 'caller'));
  writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
  writeFileSync(path.join(dir, 'caller', 'index.js'), CALLER);
  const item = JSON.stringify({ Item: { id: { S: 'k' }, n: { N: '1' } } });
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(item) }).end(item));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const host = await createHost({ workspaceDir: dir, stateDir: path.join(dir, '.state'), apiPort: 0, awsPort: 0, engineOptions: { spareProcesses: 0 } });
  try {
    const run = async (endpoint?: string) => {
      const record = await host.call('invoke.run', { logicalId: 'Caller', payload: JSON.stringify({ endpoint, n }) });
      if (record.status !== 'success') throw new Error(`the bench function failed: ${JSON.stringify(record.error)}`);
      return record.response as number[];
    };
    const endpoint = await run();
    const bareServer = await run(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`);
    return { endpoint, bareServer };
  } finally {
    await host.close();
    bare.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
