import { expect, test } from '@playwright/test';
import { ensureRedisUp, openPortal } from '../support/portal';

test.describe('prod-hardening page', () => {
  test('shows the four tabs and every data source connected', async ({
    page,
  }, testInfo) => {
    await ensureRedisUp();
    await openPortal(page, '/prod-hardening');

    for (const tab of ['Posture', 'FinOps', 'Throttling', 'Weekly review']) {
      await expect(page.getByRole('tab', { name: tab })).toBeVisible();
    }
    const status = page.getByRole('status', { name: 'Source status' });
    await expect(status).toContainText('All data sources connected');
    await expect(page.getByTestId('source-aws')).toHaveAttribute(
      'data-state',
      'up',
    );
    await expect(page.getByTestId('source-aws')).toContainText(
      'account 123456789012',
    );
    await expect(page.getByTestId('source-redis')).toHaveAttribute(
      'data-state',
      'up',
    );

    await page.screenshot({
      path: testInfo.outputPath('prod-hardening.png'),
      fullPage: true,
    });
  });

  test('has a sidebar entry that leads to the page', async ({ page }) => {
    await openPortal(page, '/prod-hardening');
    await page.getByRole('link', { name: 'Prod hardening' }).click();
    await expect(page).toHaveURL(/\/prod-hardening/);
  });

  test('switches tabs through their own URLs', async ({ page }) => {
    await openPortal(page, '/prod-hardening');
    await page.getByRole('tab', { name: 'FinOps' }).click();
    await expect(page).toHaveURL(/\/prod-hardening\/finops$/);
    await page.getByRole('tab', { name: 'Weekly review' }).click();
    await expect(page).toHaveURL(/\/prod-hardening\/weekly-review$/);
  });
});
