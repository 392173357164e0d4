/**
 * The sandbox in the workbench: the status bar says whether functions run sandboxed, and an
 * invocation's history detail says how it ran. With the sandbox off the badge warns, never silent.
 */
import { expect, test } from './fixtures.js';
import { sidebar } from './pages/sidebar.js';
import { testTab } from './pages/test-tab.js';

async function invokeHelloAndOpenDetail(page: import('@playwright/test').Page) {
  await sidebar(page).open('HelloFunction');
  await testTab(page).open();
  await testTab(page).invoke();
  await expect(testTab(page).response()).toContainText('Hello');
  await page.getByTestId('panel-tab-history').click();
  await page.getByTestId('history-row').first().click();
}

test.describe('sandboxed (.ci/run installs bubblewrap)', () => {
  test('the status bar says Sandboxed, and the history detail names bubblewrap', async ({ app }) => {
    const { page } = app;
    const badge = page.getByTestId('status-sandbox');
    await expect(badge).toHaveText(/Sandboxed/);
    await expect(badge).toHaveAttribute('title', /bubblewrap .*own PID and mount namespaces/);
    await invokeHelloAndOpenDetail(page);
    await expect(page.getByTestId('history-detail-sandbox')).toHaveText('bubblewrap');
  });
});

test.describe('sandbox off', () => {
  test.use({ hostEnv: { FAASLAB_SANDBOX: 'off' } });

  test('the status bar warns Not sandboxed with why, and so does the history detail', async ({ app }) => {
    const { page } = app;
    const badge = page.getByTestId('status-sandbox');
    await expect(badge).toHaveText(/Not sandboxed/);
    await expect(badge).toHaveClass(/is-warn/);
    await expect(badge).toHaveAttribute('title', /FAASLAB_SANDBOX=off/);
    await invokeHelloAndOpenDetail(page);
    await expect(page.getByTestId('history-detail-sandbox')).toHaveText(/not sandboxed/);
    await app.screenshot('15-not-sandboxed');
  });
});
