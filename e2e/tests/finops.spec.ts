import { expect, test } from '@playwright/test';
import { storyServiceCosts } from '@prod-hardening/dev-stack';
import { readFileSync } from 'node:fs';
import { openPortal } from '../support/portal';

/** The rows of one section of the weekly review CSV, as objects keyed by the header. */
function csvSection(csv: string, name: string): Record<string, string>[] {
  const lines = csv.split('\r\n');
  const start = lines.indexOf(`section,${name}`);
  expect(start, `section ${name} in the CSV`).toBeGreaterThanOrEqual(0);
  const header = lines[start + 1].split(',');
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 2)) {
    if (line === '') break;
    const cells = line.split(',');
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i]])));
  }
  return rows;
}

test.describe('FinOps on the seeded account', () => {
  test('the FinOps tab shows the $500 budget with its ~$750 forecast over it', async ({
    page,
  }, testInfo) => {
    await openPortal(page, '/prod-hardening/finops');
    const gauge = page.getByTestId('budget-gauge');
    await expect(gauge).toHaveAttribute('data-forecast-over', 'true');
    await expect(gauge).toContainText('$500.00');
    await expect(gauge).toContainText('$750.00');
    await expect(gauge.getByText('Forecasted > 80%: fired')).toBeVisible();
    await expect(page.getByTestId('forecast-basis')).toHaveText(
      "Portal's own forecast only (Cost Explorer's forecast is unavailable)",
    );
    await expect(page.getByTestId('cost-explorer-usage')).toContainText(
      'Cost Explorer requests this month:',
    );
    await expect(
      page.getByRole('table', { name: 'Cost anomalies' }),
    ).toContainText('AmazonCloudWatch');
    await page.screenshot({
      path: testInfo.outputPath('finops.png'),
      fullPage: true,
    });
  });

  test('the on-call guest answers the CloudWatch spike "planned activity", and the answer stays after a reload', async ({
    page,
  }, testInfo) => {
    await openPortal(page, '/prod-hardening/finops');
    const anomalies = page.getByRole('table', { name: 'Cost anomalies' });
    const spike = anomalies
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'AmazonCloudWatch' }) })
      .first();
    // The guest is in the platform on-call group, which the default policy lets triage.
    await spike.getByRole('button', { name: 'Planned activity' }).click();
    const answer = spike.getByTestId('anomaly-feedback');
    await expect(answer).toContainText(
      'Planned activity — user:default/guest,',
    );
    await page.reload();
    await expect(
      page
        .getByRole('table', { name: 'Cost anomalies' })
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: 'AmazonCloudWatch' }) })
        .first()
        .getByTestId('anomaly-feedback'),
    ).toContainText('Planned activity — user:default/guest,');
    await page
      .getByRole('table', { name: 'Cost anomalies' })
      .screenshot({ path: testInfo.outputPath('anomaly-triage.png') });
  });

  test('the savings targets stand against the seed goals, and Trusted Advisor says it is not available', async ({
    page,
  }) => {
    await openPortal(page, '/prod-hardening/finops');
    // The story: gateway endpoints cut NAT Gateway cost by ~25 % (goal 20 %), TTL cut
    // DynamoDB storage by ~22 % (goal 30 %).
    const nat = page.getByTestId('savings-target-vpc-endpoints-nat');
    await expect(nat).toContainText('Goal met');
    await expect(nat).toContainText('goal −20%');
    const ttl = page.getByTestId('savings-target-dynamodb-ttl-storage');
    await expect(ttl).toContainText('Behind goal');
    await expect(ttl).toContainText('goal −30%');
    await expect(
      page.getByRole('alert', { name: 'Trusted Advisor availability' }),
    ).toContainText('Trusted Advisor');
  });

  test('the weekly review CSV download has the seeded AWS totals for both weeks', async ({
    page,
  }) => {
    await openPortal(page, '/prod-hardening/weekly-review');
    await expect(page.getByRole('table', { name: 'Totals' })).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^finops-weekly-review-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = readFileSync((await download.path())!, 'utf8');

    const period = Object.fromEntries(
      csvSection(csv, 'period').map(r => [r.period, r]),
    );
    const seeded = storyServiceCosts(new Date());
    const total = (from: string, to: string) =>
      (
        seeded
          .filter(r => r.day >= from && r.day <= to)
          .reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0) / 100
      ).toFixed(2);
    const aws = csvSection(csv, 'totals').find(r => r.scope === 'aws')!;
    expect(Number(aws.current_usd).toFixed(2)).toBe(
      total(period.current.from, period.current.to),
    );
    expect(Number(aws.previous_usd).toFixed(2)).toBe(
      total(period.previous.from, period.previous.to),
    );
  });
});
