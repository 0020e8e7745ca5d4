import { expect, test, type Locator } from '@playwright/test';
import { ensureRedisUp, openPortal } from '../support/portal';
import {
  DLQ_SHOWS_WITHIN_MS,
  LIMITER_WARMUP_MS,
  THROTTLING_SHOWS_WITHIN_MS,
} from '../support/promises';

/** The number a stat shows. */
async function count(locator: Locator): Promise<number> {
  return Number((await locator.textContent())?.replace(/[^\d]/g, '') ?? NaN);
}

test.describe('throttling with the live demo traffic', () => {
  test.beforeEach(ensureRedisUp);

  test('shows live limiter numbers and redrives the dead-letter queue', async ({
    page,
  }, testInfo) => {
    test.setTimeout(
      LIMITER_WARMUP_MS +
        4 * THROTTLING_SHOWS_WITHIN_MS +
        DLQ_SHOWS_WITHIN_MS +
        30_000,
    );
    await openPortal(page, '/prod-hardening/throttling');
    const within = { timeout: THROTTLING_SHOWS_WITHIN_MS };

    // The demo traffic runs the real handler: decisions, sends, throttling and limits.
    // The limits show within a flush even if Redis has just come back empty...
    await expect(page.getByTestId('limits-in-force')).toContainText(
      '3 at once, then 1 every 6 s, at most 10 per 60 s',
      within,
    );
    await expect(page.getByTestId('total-p50')).toContainText('ms', within);
    // ...while sends resume only once the limiter's warm-up after an outage is over.
    const allowed = page.getByTestId('total-allowed');
    await expect
      .poll(() => count(allowed), {
        timeout: LIMITER_WARMUP_MS + THROTTLING_SHOWS_WITHIN_MS,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(() => count(page.getByTestId('total-sent')), within)
      .toBeGreaterThan(0);
    await expect(page.getByTestId('fallback-indicator')).toBeVisible();
    const creators = page.getByRole('table', { name: 'Busiest creators' });
    await expect(creators.getByRole('row')).not.toHaveCount(1);
    await expect(
      page.getByRole('figure', { name: 'Messages per minute' }),
    ).toBeVisible();

    // Live: the numbers move on their own as the page refreshes.
    const first = await count(allowed);
    await expect.poll(() => count(allowed), within).toBeGreaterThan(first);

    // The messages the stub API rejected at first are in the DLQ.
    const depth = page.getByTestId('dlq-depth');
    await expect
      .poll(() => count(depth), { timeout: DLQ_SHOWS_WITHIN_MS })
      .toBeGreaterThan(0);
    await expect(page.getByTestId('dlq-oldest')).toContainText(/\d+ (s|min)/);

    await page.getByRole('button', { name: 'Redrive DLQ…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('dead-lettered message(s)');
    await dialog.getByRole('button', { name: 'Redrive messages' }).click();
    await expect(dialog.getByRole('status')).toContainText(
      /Moved [1-9]\d* of \d+ message\(s\)/,
    );
    await page.screenshot({
      path: testInfo.outputPath('throttling-redrive.png'),
    });
    await dialog.getByRole('button', { name: 'Close' }).click();

    const history = page.getByRole('table', { name: 'Redrive history' });
    await expect(history).toContainText('succeeded');
    await expect(history).toContainText('user:default/guest');
    await page.screenshot({
      path: testInfo.outputPath('throttling.png'),
      fullPage: true,
    });
  });
});
