import { expect, test } from '@playwright/test';
import { openPortal } from '../support/portal';
import { signInAs } from '../support/signIn';

test.describe('sign-in as two people', () => {
  test('sam signs in through the company SSO beside the guest, and each stays who they are', async ({
    page,
    browser,
  }) => {
    await openPortal(page, '/prod-hardening');
    const sam = await signInAs(browser, 'sam');
    try {
      // The sidebar names who is signed in and leads to their catalog page.
      await sam
        .getByRole('link', { name: 'Sam (security)', exact: true })
        .click();
      await expect(sam).toHaveURL(/\/catalog\/default\/user\/sam$/);
      await expect(sam.getByText('sam@huntaze.example').first()).toBeVisible();

      // A reload signs him in again from the session the SSO left (the refresh
      // token), without the sign-in page.
      await sam.reload();
      await expect(
        sam.getByRole('link', { name: 'Sam (security)', exact: true }),
      ).toBeVisible();
      await expect(
        sam.getByRole('button', { name: 'Sign In', exact: true }),
      ).toHaveCount(0);

      // The guest's context is untouched by sam's sign-in.
      await expect(
        page.getByRole('link', { name: 'Sam (security)', exact: true }),
      ).toHaveCount(0);
      await page.getByRole('link', { name: 'Guest', exact: true }).click();
      await expect(page).toHaveURL(/\/catalog\/default\/user\/guest$/);
    } finally {
      await sam.context().close();
    }
  });
});
