/**
 * The SDK Lambda's runtimes include: a Node.js function imports @aws-sdk/client-s3 (CommonJS and
 * ES module) and a Python function imports boto3, neither with packages of its own, and each
 * makes a real, signed S3 call, here answered by a small S3 stand-in on loopback that records it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

const LIST_BUCKETS = `<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o</ID><DisplayName>o</DisplayName></Owner>
<Buckets><Bucket><Name>photos</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`;

describe('the AWS SDK the runtimes provide', { timeout: 30_000 }, () => {
  let dir: string;
  let engine: Engine;
  let server: http.Server;
  let endpoint: string;
  const seen: Array<{ method: string; url: string; authorization: string; agent: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ method: req.method!, url: req.url!, authorization: String(req.headers.authorization ?? ''), agent: String(req.headers['user-agent'] ?? '') });
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/xml' }).end(LIST_BUCKETS));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = writeFiles(makeTempDir(), {
      'cjs/index.js': `const { S3Client, ListBucketsCommand } = require('@aws-sdk/client-s3');
exports.handler = async (event) => {
  const s3 = new S3Client({ endpoint: event.endpoint, forcePathStyle: true });
  const out = await s3.send(new ListBucketsCommand({}));
  return out.Buckets.map((b) => b.Name);
};\n`,
      'esm/index.mjs': `import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
export const handler = async (event) => {
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const out = await new S3Client({ endpoint: event.endpoint, forcePathStyle: true }).send(new ListBucketsCommand({}));
  return { buckets: out.Buckets.map((b) => b.Name), doc: typeof DynamoDBDocumentClient };
};\n`,
      'missing/index.js': "const { ConnectClient } = require('@aws-sdk/client-connect');\nexports.handler = async () => typeof ConnectClient;\n",
      'py/app.py': `import boto3

def handler(event, context):
    s3 = boto3.client("s3", endpoint_url=event["endpoint"])
    return [b["Name"] for b in s3.list_buckets()["Buckets"]]
`,
    });
    const at = (sub: string) => path.join(dir, sub);
    engine = new Engine({
      functions: [
        functionConfig('NodeCjs', at('cjs'), 'index.handler'),
        functionConfig('NodeEsm', at('esm'), 'index.handler', { runtime: 'nodejs22.x' }),
        functionConfig('NodeMissingClient', at('missing'), 'index.handler'),
        // A runtime newer than the Node.js running faaslab: the SDK's warning about the host's version is not the function's.
        functionConfig('NodeNewer', at('cjs'), 'index.handler', { runtime: `nodejs${Number(process.versions.node.split('.')[0]) + 2}.x` }),
        functionConfig('Python', at('py'), 'app.handler', { runtime: 'python3.12', timeoutSeconds: 20 }),
      ],
    });
  });

  afterAll(async () => {
    await engine?.close();
    server?.close();
    removeTempDir(dir);
  });

  it('the functions have no packages of their own', () => {
    for (const sub of ['cjs', 'esm', 'py']) expect(existsSync(path.join(dir, sub, 'node_modules'))).toBe(false);
  });

  it('Node.js (CommonJS): @aws-sdk/client-s3 signs with the credentials Lambda gives the function', async () => {
    seen.length = 0;
    const { record, payload } = await engine.invoke('NodeCjs', { payload: JSON.stringify({ endpoint }) });
    expect(record.status, JSON.stringify(record.error)).toBe('success');
    expect(payloadJson(payload)).toEqual(['photos']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAFAASLAB[0-9A-F]{9}\/\d{8}\/us-east-1\/s3\/aws4_request/);
    expect(seen[0]!.agent).toContain('aws-sdk-js/3.');
  });

  it('Node.js (ES module): static and dynamic imports of the SDK resolve too', async () => {
    const { record, payload } = await engine.invoke('NodeEsm', { payload: JSON.stringify({ endpoint }) });
    expect(record.status, JSON.stringify(record.error)).toBe('success');
    expect(payloadJson(payload)).toEqual({ buckets: ['photos'], doc: 'function' });
  });

  it('a client faaslab does not ship is an ImportModuleError that says what to do', async () => {
    const { record } = await engine.invoke('NodeMissingClient');
    expect(record.error!.errorType).toBe('Runtime.ImportModuleError');
    expect(record.error!.errorMessage).toContain("Cannot find module '@aws-sdk/client-connect'");
    expect(record.error!.errorMessage).toContain("add it to the function's package.json");
  });

  it('Python: boto3 signs with the same credentials', async () => {
    seen.length = 0;
    const { record, payload } = await engine.invoke('Python', { payload: JSON.stringify({ endpoint }) });
    expect(record.status, JSON.stringify(record.error)).toBe('success');
    expect(payloadJson(payload)).toEqual(['photos']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAFAASLAB[0-9A-F]{9}\/\d{8}\/us-east-1\/s3\/aws4_request/);
    expect(seen[0]!.agent).toMatch(/^Boto3\//);
  });

  it("does not show functions the SDK's warning about the Node.js running faaslab", async () => {
    for (const logicalId of ['NodeNewer', 'NodeCjs']) {
      const result = await engine.invoke(logicalId, { payload: JSON.stringify({ endpoint }) });
      expect(result.record.status).toBe('success');
      expect(result.record.logs.join('\n')).not.toContain('NodeVersionSupportWarning');
    }
  });
});
