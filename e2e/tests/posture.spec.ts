import { expect, test } from '@playwright/test';
import { openPortal } from '../support/portal';

test.describe('Posture tab on the seeded account', () => {
  test('shows the failing checks of the starting story with their evidence', async ({
    page,
  }, testInfo) => {
    await openPortal(page, '/prod-hardening/posture');

    const bpa = page.getByTestId('check-s3-account-public-access-block');
    await expect(bpa).toHaveAttribute('data-status', 'FAIL');
    await bpa.getByRole('button').first().click();
    await expect(bpa).toContainText('no PublicAccessBlockConfiguration');

    await expect(
      page.getByTestId('check-securityhub-fsbp-enabled'),
    ).toHaveAttribute('data-status', 'ERROR');
    await expect(page.getByLabel('Security Hub score')).toHaveText('5.6%');
    await page.screenshot({
      path: testInfo.outputPath('posture.png'),
      fullPage: true,
    });
  });

  test('filters the findings to GuardDuty-high ones', async ({ page }) => {
    await openPortal(page, '/prod-hardening/posture');
    const findings = page.getByRole('table', { name: 'Findings' });
    await expect(findings.getByRole('row').nth(1)).toBeVisible();

    await page.getByRole('button', { name: /^HIGH/ }).click();
    await page.getByLabel('Search title, resource or control').fill('EC2');
    // Web-first assertions retry until the table has re-rendered with the filter.
    await expect(findings.getByRole('row').nth(1)).toContainText('HIGH');
    await expect(
      findings.getByRole('row').filter({ hasNotText: /HIGH|Severity/ }),
    ).toHaveCount(0);
  });

  test('opens a finding with its check, then the read-only runbook of that check', async ({
    page,
  }) => {
    await openPortal(page, '/prod-hardening/posture');
    const findings = page.getByRole('table', { name: 'Findings' });
    await page
      .getByLabel('Search title, resource or control')
      .fill('ElastiCache.4');
    await findings
      .getByRole('row', { name: /encrypted at rest/ })
      .first()
      .click();

    const drawer = page.getByRole('dialog', { name: 'Finding details' });
    await expect(
      drawer.getByRole('table', { name: 'Finding fields' }),
    ).toContainText('ElastiCache.4');
    const check = drawer.getByRole('region', { name: 'Posture check' });
    await expect(check).toContainText('AtRestEncryptionEnabled=false');

    await check.getByRole('button', { name: 'Runbook…' }).click();
    const runbook = page.getByRole('dialog', {
      name: /^Migrate huntaze-redis/,
    });
    await expect(
      runbook.getByLabel('command: Create the migration snapshot', {
        exact: true,
      }),
    ).toContainText(
      'aws elasticache create-snapshot --replication-group-id huntaze-redis',
    );
    await expect(
      runbook.getByRole('button', { name: 'Copy Terraform snippet' }),
    ).toBeVisible();
    await expect(runbook.getByText(/Under 5 minutes/)).toBeVisible();
    await runbook.getByRole('button', { name: 'Close' }).click();
    await expect(runbook).toBeHidden();
  });
});
