import { expect, test } from '@playwright/test';
import { openPortal } from '../support/portal';

test.describe('Runbooks from the portal', () => {
  test('the failing ElastiCache encryption check opens the migration runbook', async ({
    page,
  }) => {
    await openPortal(page, '/prod-hardening/posture');
    const check = page.getByTestId('check-elasticache-encryption');
    await expect(check).toHaveAttribute('data-status', 'FAIL');
    await check.getByText('Redis is encrypted at rest and in transit').click();
    await check.getByTestId('runbook-link-elasticache-migration').click();

    const drawer = page.getByRole('region', { name: 'Runbook' });
    await expect(drawer.getByRole('heading', { level: 1 })).toContainText(
      'encrypted replication group',
    );
    for (const part of ['Symptoms', 'Steps', 'Rollback', 'Who to tell']) {
      await expect(
        drawer.getByRole('heading', { name: part, exact: true }),
      ).toBeVisible();
    }
    // A link to another runbook opens it in the same drawer.
    await page.goto(
      page.url().replace(/runbook=[\w-]+/, 'runbook=rate-limiter'),
    );
    await expect(drawer.getByRole('heading', { level: 1 })).toContainText(
      'rate limiter',
    );
    await expect(
      page.getByTestId('check-elasticache-encryption'),
    ).toBeVisible();
  });
});
