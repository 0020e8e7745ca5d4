import { expect, test } from '@playwright/test';
import { openPortal } from '../support/portal';

/**
 * The catalog processes registered locations in the background after the backend
 * starts; the first entities show within its first processing rounds.
 */
const CATALOG_INGESTED_WITHIN_MS = 45_000;

test.describe('the catalog of the seeded account', () => {
  test('lists the seeded services with their owners', async ({ page }) => {
    // The catalog opens on what the signed-in user owns; its URL filters ask for all.
    await openPortal(
      page,
      '/catalog?filters[kind]=component&filters[user]=all',
    );
    await expect(
      page.getByRole('heading', { name: /^All Components/ }).first(),
    ).toBeVisible({ timeout: CATALOG_INGESTED_WITHIN_MS });
    const rows = page.getByRole('row');
    await expect(rows.filter({ hasText: 'Web team' }).first()).toBeVisible({
      timeout: CATALOG_INGESTED_WITHIN_MS,
    });
    for (const title of ['Web', 'Workers', 'AI', 'Rate limiter']) {
      await expect(
        page.getByRole('link', { name: title, exact: true }),
      ).toBeVisible();
    }
  });

  test("a component's page names its owner and its system", async ({
    page,
  }) => {
    await expect
      .poll(
        async () => {
          await openPortal(page, '/catalog/default/component/rate-limiter');
          return page
            .getByRole('heading', { name: 'Rate limiter' })
            .isVisible();
        },
        { timeout: CATALOG_INGESTED_WITHIN_MS },
      )
      .toBe(true);
    await expect(
      page.getByRole('link', { name: 'Platform on-call' }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Huntaze' }).first(),
    ).toBeVisible();
  });
});
