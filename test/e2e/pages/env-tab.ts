import { type Page } from '@playwright/test';

export const envTab = (page: Page) => ({
  async open() {
    await page.getByTestId('tab-env').click();
  },
  /** Adds a row and fills it; returns its index. */
  async add(key: string, value: string): Promise<number> {
    const before = await page.locator('[data-testid^="env-key-"]').count();
    await page.getByTestId('env-add').click();
    await page.getByTestId(`env-key-${before}`).fill(key);
    await page.getByTestId(`env-value-${before}`).fill(value);
    return before;
  },
  async save() {
    await page.getByTestId('env-save').click();
  },
  rowError: (i: number) => page.getByTestId(`env-error-${i}`),
});
