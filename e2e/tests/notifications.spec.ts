import { expect, test } from '@playwright/test';
import { openPortal } from '../support/portal';

/** The catalog is ingested within 45 s and the scan runs every minute. */
const NOTIFIED_WITHIN_MS = 150_000;

test.describe('notifications to the owners', () => {
  test.setTimeout(NOTIFIED_WITHIN_MS + 30_000);

  test('a seeded high finding on an owned resource reaches its group, with a link to the finding', async ({
    page,
  }) => {
    // The guest is in platform-oncall, which owns Redis and the workers; the seed
    // leaves high findings on them (e.g. Redis without encryption at rest).
    const notification = page
      .getByRole('link', { name: /^(HIGH|CRITICAL) finding on / })
      .first();
    await expect
      .poll(
        async () => {
          await openPortal(page, '/notifications');
          return notification
            .waitFor({ timeout: 10_000 })
            .then(() => true)
            .catch(() => false);
        },
        { timeout: NOTIFIED_WITHIN_MS, intervals: [5_000] },
      )
      .toBe(true);

    const title = (await notification.innerText()).trim();
    const findingTitle = title.replace(
      /^(HIGH|CRITICAL) finding on [^:]+: /,
      '',
    );
    await notification.click();

    await expect(page).toHaveURL(/\/prod-hardening\/posture\?finding=/);
    const drawer = page.getByRole('presentation').filter({
      hasText: findingTitle,
    });
    await expect(drawer.getByText(findingTitle).first()).toBeVisible();
  });
});
