import { expect, type Page } from '@playwright/test';

export const triggersTab = (page: Page) => ({
  async open() {
    await page.getByTestId('tab-triggers').click();
    await expect(page.getByTestId('trigger-http')).toBeVisible();
  },
  /** Opens the Add HTTP trigger form and fills it in (without saving). */
  async fillHttp(api: 'http' | 'rest', method: string, path: string) {
    if (!(await page.getByTestId('trigger-path').isVisible())) await page.getByTestId('trigger-add-http').click();
    await page.getByTestId('trigger-api').selectOption(api);
    await page.getByTestId('trigger-method').selectOption(method);
    await page.getByTestId('trigger-path').fill(path);
  },
  async addHttp(api: 'http' | 'rest', method: string, path: string) {
    await this.fillHttp(api, method, path);
    await page.getByTestId('trigger-save').click();
    await expect(page.getByTestId('trigger-path')).toBeHidden();
  },
  route: (eventName: string) => page.getByTestId(`trigger-route-${eventName}`),
  url: (eventName: string) => page.getByTestId(`trigger-url-${eventName}`),
  async remove(eventName: string) {
    await page.getByTestId(`trigger-remove-${eventName}`).click();
    await page.getByTestId('trigger-remove-confirm').click();
    await expect(page.getByTestId(`trigger-route-${eventName}`)).toBeHidden();
  },
  fieldError: (field: string) => page.getByTestId(`field-error-${field}`),
  schedule: (eventName: string) => page.getByTestId(`schedule-${eventName}`),
  scheduleToggle: (eventName: string) => page.getByTestId(`schedule-toggle-${eventName}`),
  nextFireTimes: (eventName: string) => page.getByTestId(`schedule-next-${eventName}`),
  async fire(eventName: string) {
    await page.getByTestId(`schedule-fire-${eventName}`).click();
    await expect(page.getByTestId(`schedule-result-${eventName}`)).toBeVisible({ timeout: 20_000 });
  },
  fireResult: (eventName: string) => page.getByTestId(`schedule-result-${eventName}`),
  activity: () => page.getByTestId('trigger-activity'),
  activityRows: () => page.getByTestId('trigger-activity-row'),
});
