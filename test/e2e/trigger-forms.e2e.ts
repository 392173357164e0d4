import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { sidebar } from './pages/sidebar.js';
import { triggersTab } from './pages/triggers-tab.js';

test('adds a Schedule with the Add trigger menu: validated and previewed as typed', async ({ app }) => {
  const { page } = app;
  const template = path.join(app.workspace, 'template.yaml');
  await sidebar(page).open('HelloFunction');
  await triggersTab(page).open();

  await page.getByTestId('trigger-add-menu').click();
  await page.getByTestId('trigger-add-schedule').click();
  const form = page.getByTestId('trigger-form-schedule');
  await expect(form).toBeVisible();

  await page.getByTestId('schedule-expression').fill('rate(10 minute)');
  await expect(page.getByTestId('field-error-schedule')).toContainText('minutes');
  await expect(page.getByTestId('schedule-preview')).toBeHidden();
  await expect(page.getByTestId('trigger-form-save')).toBeDisabled();

  await page.getByTestId('schedule-expression').fill('rate(10 minutes)');
  await expect(page.getByTestId('field-error-schedule')).toBeHidden();
  await expect(page.getByTestId('schedule-preview')).toContainText('every 10 minutes');
  await expect(page.getByTestId('schedule-preview').locator('li')).toHaveCount(5);

  await page.getByTestId('trigger-form-save').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('schedule-Schedule')).toBeVisible();
  await expect.poll(() => readFileSync(template, 'utf8')).toMatch(/HelloFunction:[\s\S]*?Events:\s+Schedule:\s+Type: Schedule\s+Properties:\s+Schedule: rate\(10 minutes\)/);
});

const QUEUE_WORKSPACE = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 3
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/worker/
      Handler: index.handler
  Jobs:
    Type: AWS::SQS::Queue
`,
  'functions/worker/index.mjs': 'export const handler = async (event) => ({ records: event.Records.length });\n',
};

test.describe('on a workspace with a queue', () => {
  test.use({ workspaceFiles: QUEUE_WORKSPACE });

  test('adds an SQS trigger, lists it with its settings, and removes it', async ({ app }) => {
    const { page } = app;
    const template = path.join(app.workspace, 'template.yaml');
    await sidebar(page).open('Worker');
    await triggersTab(page).open();

    await page.getByTestId('trigger-add-menu').click();
    await page.getByTestId('trigger-add-sqs').click();
    await expect(page.getByTestId('trigger-form-sqs')).toBeVisible();
    await expect(page.getByTestId('sqs-queue')).toHaveValue('Jobs');

    await page.getByTestId('sqs-batch-size').fill('50');
    await expect(page.getByTestId('field-error-batchSize')).toContainText('batching window');
    await expect(page.getByTestId('trigger-form-save')).toBeDisabled();
    await page.getByTestId('sqs-batch-size').fill('5');
    await expect(page.getByTestId('field-error-batchSize')).toBeHidden();
    await page.getByTestId('trigger-form-save').click();

    const row = page.getByTestId('event-source-JobsMessages');
    await expect(row).toContainText('Jobs');
    await expect(row).toContainText('batch 5');
    await expect
      .poll(() => readFileSync(template, 'utf8'))
      .toContain('      Events:\n        JobsMessages:\n          Type: SQS\n          Properties:\n            Queue:\n              Fn::GetAtt: [Jobs, Arn]\n            BatchSize: 5\n');

    await page.getByTestId('event-source-remove-JobsMessages').click();
    await page.getByTestId('event-source-remove-confirm').click();
    await expect(row).toBeHidden();
    await expect.poll(() => readFileSync(template, 'utf8')).toBe(QUEUE_WORKSPACE['template.yaml']);
  });
});
