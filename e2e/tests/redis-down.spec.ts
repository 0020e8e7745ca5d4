import { expect, test } from '@playwright/test';
import {
  changeStack,
  ensureRedisUp,
  healthOf,
  openPortal,
} from '../support/portal';
import { HEALTH_SHOWS_WITHIN_MS } from '../support/promises';

test.describe('when Redis is stopped', () => {
  test.afterAll(async () => {
    // Hand the stack back as found: an empty Redis on the same port, owned by the
    // global setup (it outlives this worker), and the backend seeing it again.
    await ensureRedisUp();
  });

  test('the page names Redis as down with a reason and the other tabs still load', async ({
    page,
  }, testInfo) => {
    test.setTimeout(HEALTH_SHOWS_WITHIN_MS + 60_000);
    await changeStack('redis/stop');

    await expect
      .poll(async () => healthOf('redis'), { timeout: HEALTH_SHOWS_WITHIN_MS })
      .toEqual({ status: 'degraded', state: 'down' });

    await openPortal(page, '/prod-hardening');
    const redisChip = page.getByTestId('source-redis');
    await expect(redisChip).toHaveAttribute('data-state', 'down');
    await expect(redisChip).toContainText(/down — .+/);
    await expect(page.getByTestId('source-aws')).toHaveAttribute(
      'data-state',
      'up',
    );
    await expect(
      page.getByRole('status', { name: 'Source status' }),
    ).toContainText('1 of 2 data sources unavailable');

    for (const tab of ['FinOps', 'Throttling', 'Weekly review', 'Posture']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute(
        'aria-selected',
        'true',
      );
    }
    await page.screenshot({
      path: testInfo.outputPath('redis-down.png'),
      fullPage: true,
    });
  });
});
