import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { codeTab } from './pages/code-tab.js';
import { configTab } from './pages/config-tab.js';
import { envTab } from './pages/env-tab.js';
import { sidebar } from './pages/sidebar.js';
import { testTab } from './pages/test-tab.js';

test('opens the example workspace with its functions', async ({ app }) => {
  const { page } = app;
  await expect(sidebar(page).fn('HelloFunction')).toBeVisible();
  await expect(sidebar(page).fn('BashFunction')).toBeVisible();
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await app.screenshot('01-workspace');
});

test('creates a function, edits and saves its code, and invokes it', async ({ app }) => {
  const { page } = app;
  await sidebar(page).createFunction('OrdersFunction');
  await sidebar(page).open('OrdersFunction');
  await codeTab(page).open();
  await codeTab(page).openFile('index.mjs');
  const code = "export const handler = async (event) => {\n  console.log('order', event.id);\n  return { ok: true, id: event.id, twice: event.id * 2 };\n};\n";
  await codeTab(page).setText(code);
  await expect(page.getByTestId('dirty-marker').first()).toBeVisible();
  await codeTab(page).save();
  expect(readFileSync(path.join(app.workspace, 'functions/orders-function/index.mjs'), 'utf8')).toBe(code);
  await app.screenshot('02-code');

  await testTab(page).open();
  await testTab(page).setEvent('{"id": 21}');
  await testTab(page).invoke();
  await expect(testTab(page).status()).toHaveText(/success/i);
  await expect(testTab(page).response()).toContainText('"twice": 42');
  await expect(page.getByTestId('report-cold')).toHaveText(/cold/i);
  await expect(page.getByTestId('report-duration')).toHaveText(/\d+(\.\d+)? ms/);
  await expect(page.getByTestId('report-billed')).toHaveText(/\d+ ms/);
  await expect(page.getByTestId('report-init')).toHaveText(/\d+(\.\d+)? ms/);
  await expect(page.getByTestId('report-memory')).toHaveText(/\d+ MB/);
  await expect(page.getByTestId('report-cost')).toContainText('$');
  await expect(testTab(page).logs()).toContainText('REPORT RequestId:');
  await expect(testTab(page).logs()).toContainText('order 21');
  await app.screenshot('03-test-invoke');
});

test('an environment variable reaches the function', async ({ app }) => {
  const { page } = app;
  await sidebar(page).open('NestedHandlerFunction');
  await envTab(page).open();
  await envTab(page).add('COLOUR', 'teal');
  await envTab(page).save();
  await app.screenshot('04-env');
  await expect.poll(() => readFileSync(path.join(app.workspace, 'template.yaml'), 'utf8')).toMatch(/COLOUR: teal/);

  // The probe returns the Lambda variables it knows; invoke a function that echoes ours.
  await sidebar(page).open('NestedHandlerFunction');
  await codeTab(page).open();
  await codeTab(page).openFile('lib/probe.js');
  await codeTab(page).setText('exports.inspect = async () => ({ colour: process.env.COLOUR, stage: process.env.STAGE });\n');
  await codeTab(page).save();
  await testTab(page).open();
  await testTab(page).setEvent('{}');
  await testTab(page).invoke();
  await expect(testTab(page).response()).toContainText('"colour": "teal"');
  await expect(testTab(page).response()).toContainText('"stage": "dev"');
});

test('saved events and code survive a reload', async ({ app }) => {
  const { page } = app;
  await sidebar(page).open('HelloFunction');
  await testTab(page).open();
  await testTab(page).setEvent('{"name": "reload"}');
  await testTab(page).saveEvent('reload-check');
  await codeTab(page).open();
  await codeTab(page).openFile('index.js');
  const code = "exports.handler = async (event) => ({ greeting: 'hi ' + event.name });\n";
  await codeTab(page).setText(code);
  await codeTab(page).save();

  await page.reload();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await sidebar(page).open('HelloFunction');
  await testTab(page).open();
  await expect(page.getByTestId('saved-event-reload-check')).toBeVisible();
  await page.getByTestId('saved-event-reload-check').click();
  await testTab(page).invoke();
  await expect(testTab(page).response()).toContainText('hi reload');
  await codeTab(page).open();
  await codeTab(page).openFile('index.js');
  await expect.poll(() => codeTab(page).text()).toBe(code);
});

test('validation messages: a bad variable name and memory 99999', async ({ app }) => {
  const { page } = app;
  await sidebar(page).open('HelloFunction');
  await configTab(page).open();
  await configTab(page).setMemory('99999');
  await expect(configTab(page).fieldError('memorySizeMb')).toContainText('between 128 and 10,240 MB');
  await app.screenshot('05-config-validation');
  const before = readFileSync(path.join(app.workspace, 'template.yaml'), 'utf8');
  // The host refuses it too, but the UI does not even offer to save.
  await expect(page.getByTestId('config-save')).toBeDisabled();
  expect(readFileSync(path.join(app.workspace, 'template.yaml'), 'utf8')).toBe(before);

  await envTab(page).open();
  const row = await envTab(page).add('1BAD', 'x');
  await expect(envTab(page).rowError(row)).toContainText('not a valid variable name');
  const reserved = await envTab(page).add('AWS_REGION', 'eu-west-1');
  await expect(envTab(page).rowError(reserved)).toContainText('reserved');
});

test('configuration edits change only their own lines of template.yaml', async ({ app }) => {
  const { page } = app;
  const file = path.join(app.workspace, 'template.yaml');
  const before = readFileSync(file, 'utf8').split('\n');
  await sidebar(page).open('CounterFunction');
  await configTab(page).open();
  await configTab(page).setMemory('256');
  await configTab(page).setTimeout('7');
  await configTab(page).save();
  await expect.poll(() => readFileSync(file, 'utf8')).toMatch(/MemorySize: 256/);
  const after = readFileSync(file, 'utf8').split('\n');
  // Comments, !Ref tags, Globals and every other function are untouched: only added lines.
  const removed = before.filter((l) => !after.includes(l));
  const added = after.filter((l) => !before.includes(l));
  expect(removed).toEqual([]);
  expect(added.map((l) => l.trim()).sort()).toEqual(['MemorySize: 256', 'Timeout: 7']);
});

test('no request leaves 127.0.0.1 while the UI runs', async ({ app }) => {
  const { page } = app;
  await sidebar(page).open('HelloFunction');
  await codeTab(page).open();
  await testTab(page).open();
  await testTab(page).invoke();
  await page.getByTestId('tab-config').click();
  await page.getByTestId('tab-env').click();
  const outside = app.requests.map((r) => r.url()).filter((u) => !/^(https?|wss?):\/\/127\.0\.0\.1:\d+\//.test(u) && !/^(data|blob):/.test(u));
  expect(outside).toEqual([]);
  expect(app.requests.length).toBeGreaterThan(3);
});
