/**
 * Queues, topics, buckets and tables in the UI (issue 4), on a workspace of its own: send a
 * message, upload a file, put an item and publish, and see the functions they trigger run.
 */
import { expect, test } from './fixtures.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Timeout: 5
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt JobsDlq.Arn
        maxReceiveCount: 3
  JobsDlq:
    Type: AWS::SQS::Queue
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: e2e-uploads
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      StreamSpecification:
        StreamViewType: NEW_IMAGE
  News:
    Type: AWS::SNS::Topic
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.sqs
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
  OnUpload:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.s3
      Events:
        Created:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
  OnOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.stream
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Orders.StreamArn
            StartingPosition: LATEST
  Notify:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.sns
      Events:
        News:
          Type: SNS
          Properties:
            Topic: !Ref News
`;

const APP = `exports.sqs = async (e) => { for (const r of e.Records) console.log('SQS GOT ' + r.body); };
exports.s3 = async (e) => { for (const r of e.Records) console.log('S3 GOT ' + r.s3.object.key); };
exports.stream = async (e) => { for (const r of e.Records) console.log('STREAM GOT ' + r.eventName + ' ' + r.dynamodb.Keys.id.S); };
exports.sns = async (e) => { for (const r of e.Records) console.log('SNS GOT ' + r.Sns.Subject + ' ' + r.Sns.Message); };
`;

test.use({ workspaceFiles: { 'template.yaml': TEMPLATE, 'src/app.js': APP } });

test('queue: send a message from the inspector, the consumer receives it', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('resource-queue-Jobs')).toContainText('0 visible');
  await expect(page.getByTestId('resource-queue-JobsDlq')).toContainText('DLQ');
  await page.getByTestId('resource-queue-Jobs').click();
  const view = page.getByTestId('resource-view');
  await expect(view).toContainText('SQS queue');
  await expect(page.getByTestId('queue-consumer-Worker')).toBeVisible();
  await expect(page.getByTestId('queue-dlq-link')).toHaveText('JobsDlq');

  await page.getByTestId('queue-send-body').fill('{"job": "e2e-1"}');
  await page.getByTestId('queue-send-delay').fill('0');
  await page.getByTestId('queue-send').click();
  await expect(page.getByTestId('log-line').filter({ hasText: 'SQS GOT {"job": "e2e-1"}' })).toBeVisible();
  await expect(page.getByTestId('resource-activity-row').first()).toHaveAttribute('data-function', 'Worker');
  await expect(page.getByTestId('queue-visible')).toHaveText('0');
  await expect(page.getByTestId('resource-queue-Jobs')).toContainText('0 visible');

  // A message the consumer never sees: a delayed one, then purged after a confirmation.
  await page.getByTestId('queue-send-body').fill('later');
  await page.getByTestId('queue-send-delay').fill('600');
  await page.getByTestId('queue-send').click();
  await expect(page.getByTestId('queue-message-row')).toHaveAttribute('data-state', 'delayed');
  await expect(page.getByTestId('queue-delayed')).toHaveText('1');
  await app.screenshot('08-queue');
  await page.getByTestId('queue-purge').click();
  await page.getByTestId('queue-purge-confirm').click();
  await expect(page.getByTestId('queue-message-row')).toHaveCount(0);
  await expect(page.getByTestId('queue-delayed')).toHaveText('0');

  // The DLQ says whose it is; closing goes back to the function.
  await page.getByTestId('queue-dlq-link').click();
  await expect(page.getByTestId('queue-is-dlq')).toContainText('dead-letter queue for Jobs');
  await page.getByTestId('resource-close').click();
  await expect(page.getByTestId('resource-view')).toHaveCount(0);
  await expect(page.getByTestId('tab-code')).toBeVisible();
});

test('bucket: upload a file, the S3 function runs, delete it', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('resource-bucket-Uploads').click();
  await expect(page.getByTestId('bucket-folder')).toContainText('.faaslab');
  await page.getByTestId('bucket-prefix').fill('in');
  await page.getByTestId('bucket-upload-input').setInputFiles({ name: 'hello.txt', mimeType: 'text/plain', buffer: Buffer.from('hi there') });
  const row = page.getByTestId('bucket-object-in/hello.txt');
  await expect(row).toContainText('8 B');
  await expect(page.getByTestId('log-line').filter({ hasText: 'S3 GOT in/hello.txt' })).toBeVisible();
  await expect(page.getByTestId('resource-activity-row').first()).toHaveAttribute('data-function', 'OnUpload');
  await expect(page.getByTestId('resource-bucket-Uploads')).toContainText('1 object');

  await page.getByTestId('bucket-delete-in/hello.txt').click();
  await page.getByTestId('bucket-delete-in/hello.txt-confirm').click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('resource-bucket-Uploads')).toContainText('0 objects');
});

test('table: put items through the editor, the stream consumer runs, bad items are refused', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('resource-table-Orders')).toContainText('stream');
  await page.getByTestId('resource-table-Orders').click();
  await expect(page.getByTestId('table-stream')).toHaveText('NEW_IMAGE');

  const editor = page.getByTestId('table-item-editor');
  await editor.fill('{"total": 5}');
  await page.getByTestId('table-item-save').click();
  await expect(page.getByTestId('table-item-error')).toContainText('Missing the key id');

  await editor.fill('{"id": "o-1", "total": 5, "tags": ["a", "b"]}');
  await page.getByTestId('table-item-save').click();
  await expect(page.getByTestId('table-item-error')).toHaveCount(0);
  await expect(page.getByTestId('table-row-0')).toContainText('o-1');
  await expect(page.getByTestId('table-row-0')).toContainText('["a","b"]');
  await expect(page.getByTestId('log-line').filter({ hasText: 'STREAM GOT INSERT o-1' })).toBeVisible();
  await expect(page.getByTestId('resource-activity-row').first()).toHaveAttribute('data-function', 'OnOrder');
  await expect(page.getByTestId('resource-table-Orders')).toContainText('1 item');

  // DynamoDB JSON goes in too; the raw toggle shows it back.
  await editor.fill('{"id": {"S": "o-2"}, "total": {"N": "7"}}');
  await page.getByTestId('table-item-save').click();
  await expect(page.getByTestId('table-row-1')).toBeVisible();
  await page.getByTestId('table-raw-toggle').check();
  await expect(page.getByTestId('table-items')).toContainText('{"N":"7"}');
  await app.screenshot('09-table');

  await page.getByTestId('table-delete-0').click();
  await page.getByTestId('table-delete-0-confirm').click();
  await expect(page.getByTestId('table-row-1')).toHaveCount(0);
  await expect(page.getByTestId('log-line').filter({ hasText: /STREAM GOT REMOVE o-[12]/ })).toBeVisible();
});

test('topic: publish from the UI, delivered to the Lambda subscriber', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('resource-topic-News')).toContainText('1 subscriber');
  await page.getByTestId('resource-topic-News').click();
  await expect(page.getByTestId('topic-subscription-Notify')).toBeVisible();
  await page.getByTestId('topic-subject').fill('Hi');
  await page.getByTestId('topic-message').fill('breaking');
  await page.getByTestId('topic-publish').click();
  await expect(page.getByTestId('topic-result')).toHaveText('delivered to 1 subscriber');
  await expect(page.getByTestId('log-line').filter({ hasText: 'SNS GOT Hi breaking' })).toBeVisible();
});
