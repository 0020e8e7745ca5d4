import type { Browser, Page } from '@playwright/test';
import { portalState } from './portal';

/**
 * Signing in through the company SSO: Backstage opens the OIDC login in a popup, the
 * local identity provider answers it, the popup closes. Bounded by the product, not
 * guessed: three redirects and one token exchange on the local machine, plus slack.
 */
const SSO_SIGN_IN_WITHIN_MS = 15_000;

/**
 * A page in a fresh browser context (its own cookies and storage, so it does not share
 * the guest's session) signed in as a catalog user through the real OIDC flow: the
 * sign-in page's Company SSO, the local identity provider's login page in Backstage's
 * popup, the backend's code exchange and sign-in resolvers. `user` is the catalog name
 * of any User with an email in catalog/huntaze.yaml (dana, fiona, sam, wendy, amir).
 * Resolves once the portal shows that user signed in, on `path`. Close the page's
 * context when done: `await page.context().close()`.
 */
export async function signInAs(
  browser: Browser,
  user: string,
  path = '/prod-hardening',
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${portalState().baseUrl}${path}`);

  const popupOpens = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In', exact: true }).click();
  const popup = await popupOpens;
  const popupCloses = popup.waitForEvent('close', {
    timeout: SSO_SIGN_IN_WITHIN_MS,
  });
  await popup.getByRole('button', { name: user, exact: true }).click();
  await popupCloses;

  // The signed-in app's sidebar, which names the user (nav.tsx in packages/app).
  await page
    .getByRole('link', { name: 'Prod hardening' })
    .first()
    .waitFor({ timeout: SSO_SIGN_IN_WITHIN_MS });
  return page;
}
