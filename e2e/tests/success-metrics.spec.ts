import { expect, test } from '@playwright/test';
import { openPortal } from '../support/portal';

const SEED_METRICS: Array<[string, string]> = [
  ['encryption-coverage', '100%'],
  ['high-critical-findings', '0'],
  ['public-s3-buckets', '0'],
  ['cloudtrail-coverage', '100%'],
  ['container-insights', '3 of 3'],
  ['monthly-cost', '< $500.00'],
  ['budget-overruns', '0'],
  ['savings-vpc-endpoints-nat', '≥ 20%'],
  ['savings-dynamodb-ttl-storage', '≥ 30%'],
  ['limiter-compliance', '100%'],
  ['dlq-rate', '< 1%'],
  ['decision-latency-p99', '< 500 ms'],
];

test.describe('Success metrics on the seeded account', () => {
  test('every seed metric is shown with its target, and a missed one opens its runbook', async ({
    page,
  }, testInfo) => {
    await openPortal(page, '/prod-hardening/success-metrics');
    const table = page.getByRole('table', { name: 'Success metrics' });
    await expect(table).toBeVisible();
    for (const [id, target] of SEED_METRICS) {
      const row = page.getByTestId(`success-metric-${id}`);
      await expect(row, id).toContainText(target);
      await expect(row, id).toHaveAttribute(
        'data-status',
        /^(met|not-met|unknown)$/,
      );
    }
    // The seed's Redis is unencrypted and its budget is over.
    await expect(
      page.getByTestId('success-metric-encryption-coverage'),
    ).toHaveAttribute('data-status', 'not-met');
    await expect(
      page.getByTestId('success-metric-monthly-cost'),
    ).toHaveAttribute('data-status', 'not-met');
    await page.screenshot({
      path: testInfo.outputPath('success-metrics.png'),
      fullPage: true,
    });

    await page
      .getByTestId('success-metric-encryption-coverage')
      .getByTestId('runbook-link-elasticache-migration')
      .click();
    const drawer = page.getByRole('region', { name: 'Runbook' });
    await expect(drawer.getByRole('heading', { level: 1 })).toContainText(
      'encrypted replication group',
    );
    await expect(
      drawer.getByRole('heading', { name: 'Rollback' }),
    ).toBeVisible();
    expect(page.url()).toContain('runbook=elasticache-migration');
    await drawer.getByRole('button', { name: 'Close runbook' }).click();
    await expect(drawer).toBeHidden();
  });
});
