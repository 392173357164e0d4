/**
 * Force cold start from the function header: the warm environment ends and the next invocation
 * is a cold start, as the history shows.
 */
import { expect, test } from './fixtures.js';
import { sidebar } from './pages/sidebar.js';
import { testTab } from './pages/test-tab.js';

test('force cold start: the chip counts the warm environment, ends it, and the next invocation is cold', async ({ app }) => {
  const { page } = app;
  await sidebar(page).open('HelloFunction');
  const chip = page.getByTestId('force-cold');
  await expect(chip).toHaveText(/cold/);
  await expect(chip).toBeDisabled();
  await testTab(page).open();
  await testTab(page).invoke();
  await expect(testTab(page).response()).toContainText('Hello');
  await expect(chip).toHaveText(/1 warm · force cold start/);
  await app.screenshot('16-force-cold');
  await chip.click();
  await expect(page.getByText('1 environment of HelloFunction ended: its next invocation is a cold start')).toBeVisible();
  await expect(chip).toHaveText(/^\s*cold$/);
  await testTab(page).invoke();
  await page.getByTestId('panel-tab-history').click();
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('cold');
});
