/**
 * The local DynamoDB as functions and other clients meet it: a Node.js function's own
 * lib-dynamodb calls (table name from !Ref, the SDK the runtime provides) reach the workspace's
 * table and are listed in its invocation; a write from outside raises the table's stream on the
 * function mapped to it, with the images DynamoDB would send; and boto3 speaks to it unchanged.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Notes:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions:
        - { AttributeName: owner, AttributeType: S }
        - { AttributeName: created, AttributeType: N }
      KeySchema:
        - { AttributeName: owner, KeyType: HASH }
        - { AttributeName: created, KeyType: RANGE }
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
  Writer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: writer/
      Handler: index.handler
      Environment:
        Variables:
          TABLE: !Ref Notes
  PyWriter:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.11
      CodeUri: pywriter/
      Handler: app.handler
      Environment:
        Variables:
          TABLE: !Ref Notes
  OnChange:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: onchange/
      Handler: index.handler
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Notes.StreamArn
            StartingPosition: LATEST
            BatchSize: 1
`,
  'writer/index.mjs': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE;
export const handler = async (event) => {
  await doc.send(new PutCommand({ TableName, Item: { owner: event.owner, created: event.created, text: event.text } }));
  const got = await doc.send(new GetCommand({ TableName, Key: { owner: event.owner, created: event.created } }));
  const mine = await doc.send(new QueryCommand({ TableName, KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': event.owner } }));
  return { table: TableName, got: got.Item, mine: mine.Items.map((i) => i.created) };
};
`,
  'pywriter/app.py': `import os
from decimal import Decimal
import boto3
from boto3.dynamodb.conditions import Key

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    table.put_item(Item={"owner": "py-fn", "created": 1, "price": Decimal("19.99")})
    table.update_item(Key={"owner": "py-fn", "created": 1}, UpdateExpression="SET price = price + :d", ExpressionAttributeValues={":d": Decimal("0.01")})
    got = table.query(KeyConditionExpression=Key("owner").eq("py-fn"))["Items"]
    return [{"created": int(i["created"]), "price": str(i["price"])} for i in got]
`,
  'onchange/index.mjs': `export const handler = async (event) => event.Records.map((r) => ({ eventName: r.eventName, keys: r.dynamodb.Keys, newImage: r.dynamodb.NewImage, oldImage: r.dynamodb.OldImage }));\n`,
};

interface Change {
  eventName: string;
  keys: unknown;
  newImage?: unknown;
  oldImage?: unknown;
}

describe('the local DynamoDB with functions, streams and boto3', () => {
  let f: HostFixture;
  let doc: DynamoDBDocumentClient;
  beforeAll(async () => {
    f = await startHost(FILES);
    doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: f.host.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }));
  });
  afterAll(async () => {
    doc?.destroy();
    await f?.close();
  });

  /** The records of `owner`'s items OnChange was invoked with, from push index `since` on, in order, until `n` arrived. */
  const changes = async (owner: string, since: number, n: number): Promise<Change[]> => {
    const out: Change[] = [];
    let from = since;
    while (out.length < n) {
      const activity = await f.waitForPush('activity', (a) => a.trigger === 'dynamodb' && a.logicalId === 'OnChange' && !!a.requestId, 'dynamodb activity', from);
      from = f.pushes.findIndex((p, i) => i >= from && p.event === 'activity' && p.data === activity) + 1;
      const record = await f.call('history.get', { requestId: activity.requestId! });
      // Other tests' writes reach the same stream; only `owner` is this one's.
      out.push(...(record.response as Change[]).filter((c) => (c.keys as { owner: { S: string } }).owner.S === owner));
    }
    return out;
  };

  it("runs a function's own lib-dynamodb calls against the workspace's table and lists them in its invocation", async () => {
    const out = await f.call('invoke.run', { logicalId: 'Writer', payload: JSON.stringify({ owner: 'ada', created: 2, text: 'hi' }) });
    expect(out.status).toBe('success');
    expect(out.response).toEqual({ table: 'Notes', got: { owner: 'ada', created: 2, text: 'hi' }, mine: [2] });
    expect(out.awsCalls?.map((c) => [c.service, c.operation, c.resource, c.status])).toEqual([
      ['dynamodb', 'PutItem', 'Notes', 200],
      ['dynamodb', 'GetItem', 'Notes', 200],
      ['dynamodb', 'Query', 'Notes', 200],
    ]);
    const scan = await f.call('tables.scan', { table: 'Notes' });
    expect(scan.items).toContainEqual({ owner: { S: 'ada' }, created: { N: '2' }, text: { S: 'hi' } });
  });

  it("runs a Python function's own boto3 calls against the table, decimals exact", async () => {
    const out = await f.call('invoke.run', { logicalId: 'PyWriter', payload: '{}' });
    expect(out.status).toBe('success');
    expect(out.response).toEqual([{ created: 1, price: '20' }]);
    expect(out.awsCalls?.map((c) => c.operation)).toEqual(['PutItem', 'UpdateItem', 'Query']);
  });

  it('raises the stream on the mapped function: INSERT, MODIFY with both images, REMOVE, and nothing for a write that changes nothing', async () => {
    const since = f.pushes.length;
    await doc.send(new PutCommand({ TableName: 'Notes', Item: { owner: 'bob', created: 1, text: 'first' } }));
    await doc.send(
      new UpdateCommand({
        TableName: 'Notes',
        Key: { owner: 'bob', created: 1 },
        UpdateExpression: 'SET #t = :t',
        ExpressionAttributeNames: { '#t': 'text' },
        ExpressionAttributeValues: { ':t': 'second' },
      }),
    );
    // The same values again: DynamoDB writes no stream record for it.
    await doc.send(new PutCommand({ TableName: 'Notes', Item: { owner: 'bob', created: 1, text: 'second' } }));
    await f.call('tables.delete', { table: 'Notes', key: '{"owner": "bob", "created": 1}' });
    const seen = await changes('bob', since, 3);
    const keys = { owner: { S: 'bob' }, created: { N: '1' } };
    expect(seen).toEqual([
      { eventName: 'INSERT', keys, newImage: { ...keys, text: { S: 'first' } } },
      { eventName: 'MODIFY', keys, newImage: { ...keys, text: { S: 'second' } }, oldImage: { ...keys, text: { S: 'first' } } },
      { eventName: 'REMOVE', keys, oldImage: { ...keys, text: { S: 'second' } } },
    ]);
  });

  it('answers boto3 (put_item, get_item, query, update_item) with what botocore expects', async () => {
    const script = `
import json, sys
import boto3
from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError
endpoint = sys.argv[1]
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
client = boto3.client("dynamodb", **kw)
table = boto3.resource("dynamodb", **kw).Table("Notes")
out = {}
client.put_item(TableName="Notes", Item={"owner": {"S": "py"}, "created": {"N": "10"}, "n": {"N": "1"}})
table.put_item(Item={"owner": "py", "created": 20, "n": 5})
out["get"] = client.get_item(TableName="Notes", Key={"owner": {"S": "py"}, "created": {"N": "10"}})["Item"]
q = table.query(KeyConditionExpression=Key("owner").eq("py") & Key("created").gt(15))
out["query"] = [int(i["created"]) for i in q["Items"]]
out["count"] = q["Count"]
u = client.update_item(TableName="Notes", Key={"owner": {"S": "py"}, "created": {"N": "10"}}, UpdateExpression="ADD n :one", ExpressionAttributeValues={":one": {"N": "41"}}, ReturnValues="UPDATED_NEW")
out["update"] = u["Attributes"]
try:
    client.update_item(TableName="Notes", Key={"owner": {"S": "py"}, "created": {"N": "10"}}, UpdateExpression="SET n = :v", ConditionExpression="n < :v", ExpressionAttributeValues={":v": {"N": "3"}})
except ClientError as err:
    out["error"] = [err.response["Error"]["Code"], err.response["Error"]["Message"]]
try:
    table.get_item(Key={"owner": "py"})
except ClientError as err:
    out["keyError"] = [err.response["Error"]["Code"], err.response["Error"]["Message"]]
print(json.dumps(out))
`;
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('/usr/bin/python3', ['-c', script, f.host.awsEndpoint], { env: { PATH: process.env.PATH ?? '/usr/bin', HOME: f.dir } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      get: { owner: { S: 'py' }, created: { N: '10' }, n: { N: '1' } },
      query: [20],
      count: 1,
      update: { n: { N: '42' } },
      error: ['ConditionalCheckFailedException', 'The conditional request failed'],
      keyError: ['ValidationException', 'The provided key element does not match the schema'],
    });
  });
});
