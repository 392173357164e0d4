import { expect, type Page } from '@playwright/test';

export const sidebar = (page: Page) => ({
  fn: (id: string) => page.getByTestId(`function-item-${id}`),
  async open(id: string) {
    await page.getByTestId(`function-item-${id}`).click();
  },
  async createFunction(id: string, template: 'nodejs' | 'provided-shell' = 'nodejs') {
    await page.getByTestId('new-function-button').click();
    await page.getByTestId('new-function-id').fill(id);
    await page.getByTestId('new-function-template').selectOption(template);
    await page.getByTestId('new-function-create').click();
    await expect(page.getByTestId(`function-item-${id}`)).toBeVisible();
  },
});
