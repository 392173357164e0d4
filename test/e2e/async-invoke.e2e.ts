/**
 * Event invocations from the Test tab (issue 4 item 7) and the workspace settings dialog: a
 * shorter retry delay scale set in the dialog, then an always-failing function invoked
 * asynchronously shows its first attempt and both retries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { sidebar } from './pages/sidebar.js';
import { testTab } from './pages/test-tab.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Timeout: 5
Resources:
  Drops:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: e2e-drops
  AlwaysFails:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.fail
      EventInvokeConfig:
        MaximumRetryAttempts: 2
`;

test.use({ workspaceFiles: { 'template.yaml': TEMPLATE, 'src/app.js': "exports.fail = async () => { throw new Error('always fails'); };\n" } });

test('set the retry scale and a bucket folder, then see an Event invocation retried twice', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('workspace-settings-open').click();
  const dialog = page.getByTestId('workspace-settings');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('0.01 makes it 0.6 and 1.2 s');
  await dialog.getByTestId('settings-retry-scale').fill('5');
  await expect(dialog.getByTestId('field-error-asyncRetryDelayScale')).toBeVisible();
  await dialog.getByTestId('settings-retry-scale').fill('0.01');
  const drops = path.join(app.workspace, 'drop-here');
  await dialog.getByTestId('settings-bucket-Drops').fill(drops);
  await dialog.getByTestId('settings-save').click();
  await expect(dialog).toBeHidden();
  expect(JSON.parse(readFileSync(path.join(app.workspace, '.faaslab/settings.json'), 'utf8'))).toEqual({ asyncRetryDelayScale: 0.01, bucketFolders: { Drops: drops } });

  await sidebar(page).open('AlwaysFails');
  await testTab(page).open();
  await page.getByTestId('invoke-type').selectOption('async');
  await page.getByTestId('invoke-button').click();
  await expect(page.getByTestId('invoke-queued')).toContainText('Queued (202)');
  const attempts = page.getByTestId('invoke-attempt');
  await expect(attempts).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(attempts.nth(i)).toHaveAttribute('data-status', 'error');
  await expect(attempts.nth(2)).toContainText('always fails');
  await app.screenshot('async-invoke-retries');
});
