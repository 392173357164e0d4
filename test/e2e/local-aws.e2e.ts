/**
 * The local AWS services in the workbench: a function's own SDK calls write to a bucket and a
 * table; the open bucket view follows without a reload, the history detail draws the calls as a
 * timeline, and pointing the function at real AWS shows on its header.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { sidebar } from './pages/sidebar.js';
import { testTab } from './pages/test-tab.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: e2e-aws-uploads
  Notes:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: e2e-notes
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
  SaveNote:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.handler
      Environment:
        Variables:
          BUCKET: !Ref Uploads
          TABLE: !Ref Notes
`;

const APP = `const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');
const s3 = new S3Client({});
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
exports.handler = async (event) => {
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: 'notes/' + event.id + '.txt', Body: event.text }));
  await db.send(new PutCommand({ TableName: process.env.TABLE, Item: { id: event.id, text: event.text } }));
  return { saved: event.id };
};
`;

test.use({ workspaceFiles: { 'template.yaml': TEMPLATE, 'src/app.js': APP } });

test("a function's S3 and DynamoDB calls: live bucket and table views, the calls in the history, the AWS target", async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('status-aws')).toContainText('AWS 127.0.0.1:');

  // The bucket view is open while the function writes: it follows.
  await page.getByTestId('resource-bucket-Uploads').click();
  await expect(page.getByTestId('resource-view')).toBeVisible();
  await sidebar(page).open('SaveNote');
  await testTab(page).open();
  await testTab(page).setEvent(JSON.stringify({ id: 'n-1', text: 'hello from a function' }));
  await testTab(page).invoke();
  await expect(testTab(page).response()).toContainText('n-1');
  await expect(page.getByTestId('resource-bucket-Uploads')).toContainText('1 object');
  await expect(page.getByTestId('resource-table-Notes')).toContainText('1 item');
  await page.getByTestId('resource-bucket-Uploads').click();
  await expect(page.getByTestId('bucket-object-notes/n-1.txt')).toContainText('21 B');

  // The history detail lists the calls, in order, as a timeline.
  await page.getByTestId('panel-tab-history').click();
  await page.getByTestId('history-row').first().click();
  const calls = page.getByTestId('history-aws-call');
  await expect(calls).toHaveCount(2);
  await expect(calls.nth(0)).toContainText('S3 PutObject');
  await expect(calls.nth(0)).toContainText('e2e-aws-uploads/notes/n-1.txt');
  await expect(calls.nth(1)).toContainText('DynamoDB PutItem');
  await expect(calls.nth(1)).toContainText('e2e-notes');
  await app.screenshot('14-aws-calls');

  // Point the function at a real account: its header says so (nothing is called here).
  await page.getByTestId('workspace-settings-open').click();
  const dialog = page.getByTestId('workspace-settings');
  await dialog.getByTestId('aws-target-SaveNote-mode').selectOption('aws');
  await dialog.getByTestId('aws-target-SaveNote-profile').fill('dev');
  await dialog.getByTestId('aws-target-SaveNote-region').fill('eu-west-1');
  await dialog.getByTestId('aws-target-save').click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await sidebar(page).open('SaveNote');
  await expect(page.getByTestId('aws-target')).toHaveText('real AWS dev · eu-west-1');
  expect(JSON.parse(readFileSync(path.join(app.workspace, '.faaslab/settings.json'), 'utf8'))).toEqual({
    awsTargets: { default: { mode: 'local' }, functions: { SaveNote: { mode: 'aws', profile: 'dev', region: 'eu-west-1' } } },
  });
});
