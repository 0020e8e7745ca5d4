import { appendFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startRedis } from '@prod-hardening/dev-stack';
import { openPortal, portalState } from '../support/portal';

test.describe('when Redis is stopped', () => {
  test.afterAll(async () => {
    // Bring Redis back on the same port for whatever runs next; teardown stops it.
    const { redisPort, extraPidsFile } = portalState();
    const redis = await startRedis({ port: redisPort }).catch(() => undefined);
    if (redis) appendFileSync(extraPidsFile, `${redis.process.pid}\n`);
  });

  test('the page names Redis as down with a reason and the other tabs still load', async ({
    page,
  }, testInfo) => {
    const { redisPid, baseUrl } = portalState();
    process.kill(redisPid, 'SIGTERM');

    await expect
      .poll(
        async () =>
          (
            await (await fetch(`${baseUrl}/api/prod-hardening/health`)).json()
          ).status,
      )
      .toBe('degraded');

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
