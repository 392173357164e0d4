import { expect, type Page } from '@playwright/test';
import type { HookedWindow } from './editor-hook.js';

/** Monaco is driven through the app's e2e hook (window.__faaslab), not by typing keys. */
export const codeTab = (page: Page) => ({
  async open() {
    await page.getByTestId('tab-code').click();
    await expect(page.getByTestId('editor')).toBeVisible();
  },
  async openFile(p: string) {
    await page.getByTestId(`file-item-${p}`).click();
  },
  async setText(text: string) {
    await page.waitForFunction(() => typeof (window as HookedWindow).__faaslab?.setEditorValue === 'function');
    await page.evaluate((t) => (window as HookedWindow).__faaslab!.setEditorValue(t), text);
  },
  async text(): Promise<string> {
    return page.evaluate(() => (window as HookedWindow).__faaslab!.getEditorValue() as string);
  },
  async save() {
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  },
});
