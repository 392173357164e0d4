import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { sidebar } from './pages/sidebar.js';
import { triggersTab } from './pages/triggers-tab.js';

test('adds an HTTP trigger in the UI and calls it with a real request', async ({ app }) => {
  const { page } = app;
  const template = path.join(app.workspace, 'template.yaml');
  await sidebar(page).open('HelloFunction');
  const tab = triggersTab(page);
  await tab.open();

  // Validated as typed, before the host sees it.
  await tab.fillHttp('http', 'GET', 'hello');
  await expect(tab.fieldError('path')).toContainText('must start with /');
  await tab.fillHttp('http', 'GET', '/files/{proxy+}/raw');
  await expect(tab.fieldError('path')).toContainText('must be the last segment');
  await tab.fillHttp('rest', 'ANY', '$default');
  await expect(tab.fieldError('path')).toContainText('HTTP APIs only');
  await tab.fillHttp('http', 'GET', '/items/{id}');
  await expect(tab.fieldError('path')).toContainText('already a route of ItemsFunction');
  await expect(page.getByTestId('trigger-save')).toBeDisabled();

  await tab.addHttp('http', 'GET', '/hello/{name}');
  await expect(tab.route('GetHelloName')).toBeVisible();
  await expect(tab.url('GetHelloName')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/hello\/\{name\}$/);
  await expect.poll(() => readFileSync(template, 'utf8')).toMatch(/GetHelloName:\s+Type: HttpApi\s+Properties:\s+Path: ["']?\/hello\/\{name\}["']?\s+Method: (GET|get)/);

  // A real request from the test process (the page's CSP keeps it to its own origin).
  const url = (await tab.url('GetHelloName').innerText()).replace('{name}', 'e2e');
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ message: 'Hello, world!' });

  // ...and the UI reports which trigger started which invocation.
  const row = tab.activityRows().first();
  await expect(row).toHaveAttribute('data-route', 'GET /hello/{name}');
  await expect(row).toHaveAttribute('data-status-code', '200');
  await expect(row).toHaveAttribute('data-status', 'success');
  await expect(row).toContainText('HTTP API');

  await page.getByTestId('trigger-curl-GetHelloName').click();
  await expect(page.getByTestId('trigger-curl-command-GetHelloName')).toContainText(/curl -i http:\/\/127\.0\.0\.1:\d+\/hello\/my-name/);
  await expect(page.getByTestId('resource-api-ServerlessHttpApi')).toContainText('5 routes');
  await expect(page.getByTestId('status-api')).toContainText(/HTTP 127\.0\.0\.1:\d+/);
  await app.screenshot('06-triggers');

  // Removing it (after a confirmation) takes it out of template.yaml, and the route stops answering.
  await tab.remove('GetHelloName');
  await expect.poll(() => readFileSync(template, 'utf8')).not.toContain('GetHelloName');
  expect((await fetch(url)).status).toBe(404);
});

test('schedules: listed in words, fired now, switched off', async ({ app }) => {
  const { page } = app;
  const template = path.join(app.workspace, 'template.yaml');
  const before = readFileSync(template, 'utf8');
  await page.getByTestId('resource-schedule-TickFunction-EveryFiveMinutes').click();
  const tab = triggersTab(page);
  await expect(page.getByTestId('tab-triggers')).toHaveAttribute('aria-selected', 'true');
  await expect(tab.schedule('EveryFiveMinutes')).toContainText('every 5 minutes');
  await expect(tab.schedule('EveryFiveMinutes')).toContainText('rate(5 minutes)');
  await expect(tab.nextFireTimes('EveryFiveMinutes').locator('.chip')).toHaveCount(5);

  await tab.fire('EveryFiveMinutes');
  await expect(tab.fireResult('EveryFiveMinutes')).toHaveAttribute('data-status', 'success');
  const row = tab.activityRows().first();
  await expect(row).toContainText('Schedule');
  await expect(row).toHaveAttribute('data-status', 'success');
  await app.screenshot('07-schedules');

  await expect(tab.scheduleToggle('EveryFiveMinutes')).toBeChecked();
  await tab.scheduleToggle('EveryFiveMinutes').uncheck();
  await expect(tab.nextFireTimes('EveryFiveMinutes')).toBeHidden();
  await expect(page.getByTestId('resource-schedule-TickFunction-EveryFiveMinutes')).toContainText('disabled');
  // A run-time switch: what `sam deploy` would create is still what the template says.
  expect(readFileSync(template, 'utf8')).toBe(before);
  await tab.scheduleToggle('EveryFiveMinutes').check();
  await expect(tab.nextFireTimes('EveryFiveMinutes').locator('.chip')).toHaveCount(5);
});
