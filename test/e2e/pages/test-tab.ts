import { expect, type Page } from '@playwright/test';
import type { HookedWindow } from './editor-hook.js';

export const testTab = (page: Page) => ({
  async open() {
    await page.getByTestId('tab-test').click();
    await expect(page.getByTestId('event-editor')).toBeVisible();
  },
  async setEvent(json: string) {
    await page.waitForFunction(() => typeof (window as HookedWindow).__faaslab?.setEditorValue === 'function');
    await page.evaluate((t) => (window as HookedWindow).__faaslab!.setEditorValue(t), json);
  },
  async saveEvent(name: string) {
    await page.getByTestId('event-name').fill(name);
    await page.getByTestId('event-save').click();
    await expect(page.getByTestId(`saved-event-${name}`)).toBeVisible();
  },
  async invoke() {
    await page.getByTestId('invoke-button').click();
    await expect(page.getByTestId('invoke-status')).toBeVisible();
    await expect(page.getByTestId('invoke-button')).toBeEnabled();
  },
  status: () => page.getByTestId('invoke-status'),
  response: () => page.getByTestId('invoke-response'),
  logs: () => page.getByTestId('invoke-logs'),
});
