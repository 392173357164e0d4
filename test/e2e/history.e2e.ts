import { expect, test } from './fixtures.js';
import { codeTab } from './pages/code-tab.js';
import { sidebar } from './pages/sidebar.js';
import { testTab } from './pages/test-tab.js';

test('invoke three times, open history, replay one, see the diff, save it as a test event, pass, change the code, fail', async ({ app }) => {
  const { page } = app;
  await sidebar(page).open('HelloFunction');
  await testTab(page).open();
  // The saved event "hello" (it has an expected result, so the panel with Run tests is open).
  await page.getByTestId('saved-event-hello').click();
  await expect(page.getByTestId('tests-run')).toBeVisible();
  for (const name of ['Ada', 'Brian', 'Cleo']) {
    await testTab(page).setEvent(JSON.stringify({ name }));
    await testTab(page).invoke();
    await expect(testTab(page).response()).toContainText(name);
  }

  await page.getByTestId('panel-tab-history').click();
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('history-size')).toContainText('3 stored');
  await page.getByTestId('workspace-settings-open').click();
  await expect(page.getByTestId('history-stats-count')).toContainText('3 stored');
  await expect(page.getByTestId('history-stats-size')).toContainText('B on disk');
  await page.getByTestId('workspace-settings').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('workspace-settings')).toHaveCount(0);
  await expect(rows.first()).toContainText('HelloFunction');
  await expect(rows.first()).toContainText('success');
  const original = (await rows.first().getAttribute('data-request-id'))!;

  // Replay the newest: a fourth row arrives, on top.
  await rows.first().click();
  await expect(page.getByTestId('history-detail')).toBeVisible();
  await expect(page.getByTestId('history-detail-event')).toContainText('Cleo');
  await expect(page.getByTestId('history-detail-response')).toContainText('Cleo');
  await expect(page.getByTestId('history-timeline')).toBeVisible();
  await page.getByTestId('history-replay').click();
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toHaveAttribute('data-request-id', original);
  const replayed = (await rows.first().getAttribute('data-request-id'))!;
  expect(replayed).not.toBe(original);
  await app.screenshot('10-history');
  await page.getByTestId('history-detail-close').click();

  // Compare the replay with the original.
  await page.locator(`[data-testid="history-row"][data-request-id="${replayed}"] [data-testid="history-select"]`).check();
  await page.locator(`[data-testid="history-row"][data-request-id="${original}"] [data-testid="history-select"]`).check();
  await page.getByTestId('history-compare').click();
  const diff = page.getByTestId('history-diff');
  await expect(diff).toHaveAttribute('data-ready', 'true');
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible();
  await expect(diff).toContainText('statusCode');
  await app.screenshot('11-diff');
  await page.getByTestId('history-diff-logs').check();
  await expect(diff).toHaveAttribute('data-mode', 'logs');
  await expect(diff).toContainText('REPORT');
  await page.keyboard.press('Escape');
  await expect(diff).toHaveCount(0);

  // Save the original as "greet", expecting exactly its response.
  await page.locator(`[data-testid="history-row"][data-request-id="${original}"]`).click();
  await page.getByTestId('history-save-event').click();
  await page.getByTestId('history-save-name').fill('greet');
  await page.getByTestId('history-save-mode').selectOption('exact');
  await page.getByTestId('history-save-confirm').click();
  await expect(page.getByTestId('history-save-dialog')).toHaveCount(0);
  await expect(page.getByTestId('saved-event-greet')).toBeVisible();
  await page.getByTestId('history-detail-close').click();

  await page.getByTestId('tests-run').click();
  await expect(page.getByTestId('test-result-greet')).toHaveAttribute('data-pass', 'true');

  // A different greeting: the saved expectation no longer holds.
  await codeTab(page).open();
  await codeTab(page).openFile('index.js');
  await codeTab(page).setText('exports.handler = async (event) => ({\n  statusCode: 200,\n  body: JSON.stringify({ message: `Goodbye, ${event.name}!` }),\n});\n');
  await codeTab(page).save();
  await testTab(page).open();
  await page.getByTestId('tests-run').click();
  await expect(page.getByTestId('test-result-greet')).toHaveAttribute('data-pass', 'false');
});
