import { expect, test, type Page } from '@playwright/test';
import { openPortal } from '../support/portal';

/** The catalog ingests its locations in the background after the backend starts. */
const CATALOG_INGESTED_WITHIN_MS = 45_000;

const WEB_ARNS = [
  'arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production',
  'arn:aws:ecs:us-east-1:123456789012:service/huntaze-web-production/web',
];

interface SummaryBody {
  rollup: boolean;
  arns: string[];
  posture: {
    findings: { total: number; items: Array<{ resourceId: string }> };
  } | null;
}

/**
 * Opens an entity page and returns the summary the backend sent for it, once the card
 * shows; retried while the catalog has not ingested the entity yet.
 */
async function openEntity(
  page: Page,
  kind: string,
  name: string,
): Promise<SummaryBody> {
  let body: SummaryBody | undefined;
  await expect
    .poll(
      async () => {
        const response = page.waitForResponse(
          r =>
            r.url().includes(`/entities/${kind}/default/${name}/summary`) &&
            r.status() === 200,
          { timeout: 15_000 },
        );
        await openPortal(page, `/catalog/default/${kind}/${name}`);
        body = (await response.catch(() => undefined))
          ? ((await (await response).json()) as SummaryBody)
          : undefined;
        return body !== undefined;
      },
      { timeout: CATALOG_INGESTED_WITHIN_MS },
    )
    .toBe(true);
  return body!;
}

test.describe('entity pages', () => {
  test("the web component's page shows its own findings only", async ({
    page,
  }) => {
    // The account's open findings, as the Posture tab's findings table counts them.
    const accountResponse = page.waitForResponse(
      r => /\/api\/prod-hardening\/findings(\?|$)/.test(r.url()) && r.ok(),
    );
    await openPortal(page, '/prod-hardening');
    const accountTotal = (
      (await (await accountResponse).json()) as {
        total: number;
      }
    ).total;

    const web = await openEntity(page, 'component', 'web');
    const own = web.posture!.findings;
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(accountTotal);
    for (const finding of own.items) {
      expect(WEB_ARNS).toContain(finding.resourceId);
    }
    await expect(page.getByTestId('entity-findings-total')).toHaveText(
      String(own.total),
    );

    // The tab lists the same findings in its own table.
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Prod hardening' })
      .click();
    const table = page.getByRole('table', {
      name: "Open findings on this entity's resources",
    });
    await expect(table.getByRole('row')).toHaveCount(
      Math.min(own.total, 50) + 1,
    );
  });

  test("the Group's page rolls up what the group owns", async ({ page }) => {
    const web = await openEntity(page, 'component', 'web');
    const team = await openEntity(page, 'group', 'team-web');
    expect(team.rollup).toBe(true);
    for (const arn of web.arns) expect(team.arns).toContain(arn);
    expect(team.posture!.findings.total).toBeGreaterThanOrEqual(
      web.posture!.findings.total,
    );
    await expect(page.getByTestId('entity-findings-total')).toHaveText(
      String(team.posture!.findings.total),
    );
    await expect(
      page.getByText(/Rolled up over \d+ mapped entities/),
    ).toBeVisible();
  });
});
