// PUT /notes/{id} stores the body as the note's text in S3 and an index row in DynamoDB;
// GET /notes/{id} reads both back. The SDK comes with the runtime, as on Lambda.
const { S3Client, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand, GetCommand } = require('@aws-sdk/lib-dynamodb');

const s3 = new S3Client({});
const table = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const json = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

exports.handler = async (event) => {
  const id = event.pathParameters.id;
  const key = `notes/${id}.txt`;
  if (event.requestContext.http.method === 'PUT') {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: key, Body: text, ContentType: 'text/plain' }));
    const note = { id, key, length: text.length, updatedAt: new Date().toISOString() };
    await table.send(new PutCommand({ TableName: process.env.TABLE, Item: note }));
    return json(200, note);
  }
  const { Item } = await table.send(new GetCommand({ TableName: process.env.TABLE, Key: { id } }));
  if (!Item) return json(404, { message: `no note ${id}` });
  const object = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: Item.key }));
  return json(200, { ...Item, text: await object.Body.transformToString() });
};
