import { expect, test } from './fixtures.js';
import { sidebar } from './pages/sidebar.js';
import { testTab } from './pages/test-tab.js';

test('the Monitor shows metrics of a function and of the workspace', async ({ app }) => {
  const { page } = app;
  await sidebar(page).open('HelloFunction');
  await testTab(page).open();
  await testTab(page).setEvent('{"name": "metrics"}');
  for (let i = 0; i < 3; i++) {
    await testTab(page).invoke();
    await expect(testTab(page).status()).toHaveText(/success/i);
  }
  await sidebar(page).open('ThrowFunction');
  await testTab(page).open();
  await testTab(page).setEvent('{}');
  await testTab(page).invoke();
  await expect(testTab(page).status()).toHaveText(/error/i);

  await sidebar(page).open('HelloFunction');
  await page.getByTestId('tab-monitor').click();
  const view = page.getByTestId('monitor-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('metrics-invocations').locator('.metric-value')).toHaveText('3');
  await expect(view.getByTestId('metrics-errors').locator('.metric-value')).toHaveText('0');
  await expect(view.getByTestId('metrics-errors')).toContainText('100% success');
  await expect(view.getByTestId('metrics-duration-p50').locator('.metric-value')).toHaveText(/ms|s$/);
  await expect(view.getByTestId('metrics-cost')).toContainText('estimate');
  await expect(view.getByTestId('metrics-free-tier')).toContainText('Free tier');
  for (const chart of ['invocations', 'duration', 'cold', 'memory', 'cost']) await expect(view.getByTestId(`metrics-chart-${chart}`).locator('canvas')).toBeVisible();
  await page.getByTestId('metrics-range').selectOption('15m');
  await expect(view.getByTestId('metrics-invocations').locator('.metric-value')).toHaveText('3');

  await page.getByTestId('workspace-monitor').click();
  const ws = page.getByTestId('workspace-monitor-view');
  await expect(ws).toBeVisible();
  await expect(ws.getByTestId('metrics-invocations').locator('.metric-value')).toHaveText('4');
  await expect(ws.getByTestId('metrics-errors').locator('.metric-value')).toHaveText('1');
  await expect(ws.getByTestId('metrics-errors')).toContainText('75% success');
  await expect(ws.getByTestId('metrics-chart-invocations').locator('canvas')).toBeVisible();
  await app.screenshot('12-monitor');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(ws.getByTestId('metrics-chart-duration').locator('canvas')).toBeVisible();
  await app.screenshot('12-monitor-dark');

  // Live: another invocation shows up without reopening the view.
  await sidebar(page).open('HelloFunction');
  await testTab(page).open();
  await testTab(page).invoke();
  await page.getByTestId('tab-monitor').click();
  await expect(page.getByTestId('monitor-view').getByTestId('metrics-invocations').locator('.metric-value')).toHaveText('4');
  await app.screenshot('12-monitor-function-dark');
});
