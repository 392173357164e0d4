/**
 * The function's Logs tab (issue 5 item 3): past lines from the history, per stream, filtered
 * with the CloudWatch filter-pattern syntax (checked as it is typed), levels coloured.
 */
import { expect, test } from './fixtures.js';
import { sidebar } from './pages/sidebar.js';
import { testTab } from './pages/test-tab.js';

test('Logs tab: lines of past invocations, a JSON filter, a bad filter, a stream', async ({ app }) => {
  const { page } = app;
  await sidebar(page).open('HelloFunction');
  await testTab(page).open();
  await testTab(page).invoke();

  await sidebar(page).open('JsonLogsFunction');
  await testTab(page).open();
  await testTab(page).invoke();
  await testTab(page).invoke();

  await page.getByTestId('tab-logs').click();
  const view = page.getByTestId('logs-view');
  await expect(view).toBeVisible();
  const lines = view.getByTestId('logs-line');
  // Two invocations: START, warn, error, END, REPORT each (INIT_START once), in JSON format.
  await expect.poll(() => lines.count()).toBeGreaterThanOrEqual(10);
  await expect(view).not.toContainText('hello'); // HelloFunction's lines are not here
  await expect(lines.filter({ hasText: 'warn: shown' })).toHaveCount(2);
  await expect(lines.filter({ hasText: 'error: shown' }).first()).toHaveAttribute('data-level', 'error');
  await expect(lines.filter({ hasText: 'warn: shown' }).first()).toHaveAttribute('data-level', 'warn');
  await expect(view.getByTestId('log-stream-0')).toContainText('[$LATEST]');

  const filter = view.getByTestId('logs-filter');
  await filter.fill('{ $.level = "ERROR" }');
  await expect(lines).toHaveCount(2);
  for (const l of await lines.all()) await expect(l).toContainText('error: shown');
  await expect(view.getByTestId('logs-filter-error')).toHaveCount(0);

  await filter.fill('{ $.level = ');
  await expect(view.getByTestId('logs-filter-error')).toBeVisible();
  await expect(view.getByTestId('logs-filter-error')).toContainText('^');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  // The last valid filter stays applied while the pattern is broken.
  await expect(lines).toHaveCount(2);

  await filter.fill('');
  await view.getByTestId('log-stream-0').click();
  await expect(view.getByTestId('log-stream-0')).toHaveClass(/is-active/);
  await expect.poll(() => lines.count()).toBeGreaterThanOrEqual(5);
  await expect(lines.filter({ hasText: 'error: shown' }).first()).toBeVisible();
  await expect(view.getByTestId('logs-copy')).toBeEnabled();
  await expect(view.getByTestId('logs-export')).toBeEnabled();

  await filter.fill('{ $.level = ');
  await expect(view.getByTestId('logs-filter-error')).toBeVisible();
  await app.screenshot('13-logs');
});
