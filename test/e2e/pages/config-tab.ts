import { expect, type Page } from '@playwright/test';

export const configTab = (page: Page) => ({
  async open() {
    await page.getByTestId('tab-config').click();
    await expect(page.getByTestId('config-memory')).toBeVisible();
  },
  async setMemory(mb: string) {
    await page.getByTestId('config-memory').fill(mb);
  },
  async setTimeout(s: string) {
    await page.getByTestId('config-timeout').fill(s);
  },
  async save() {
    await page.getByTestId('config-save').click();
  },
  fieldError: (field: string) => page.getByTestId(`field-error-${field}`),
});
