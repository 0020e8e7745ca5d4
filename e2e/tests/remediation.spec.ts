import { expect, test } from '@playwright/test';
import { openPortal } from '../support/portal';
import { signInAs } from '../support/signIn';

const BPA = 's3-account-public-access-block';
const REASON = 'The pentest found the account-wide setting off.';

test.describe('one-click remediation with four eyes', () => {
  test('the guest asks to turn on account S3 Block Public Access, sam approves, the guest executes the approved plan; the check passes and the history shows every step', async ({
    page,
    browser,
  }, testInfo) => {
    await openPortal(page, '/prod-hardening/posture');
    const check = page.getByTestId(`check-${BPA}`);
    await expect(check).toHaveAttribute('data-status', 'FAIL');
    await check
      .getByText('S3 Block Public Access is on for the whole account')
      .click();
    await check.getByRole('button', { name: 'Remediate…' }).click();

    // The preview: exactly the calls, a blocker to override, and why it needs approval.
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Planned calls')).toContainText(
      'PutPublicAccessBlock',
    );
    await expect(dialog).toContainText(
      'huntaze-static-site-production hosts a static website',
    );
    await expect(
      dialog.getByRole('button', { name: 'Continue' }),
    ).toBeDisabled();
    await dialog
      .getByRole('checkbox', { name: 'I understand; apply anyway' })
      .check();
    await expect(dialog.getByLabel('Needs approval')).toContainText(
      `Every remediation of ${BPA} needs approval.`,
    );
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog
      .getByLabel('Why this change is needed (for the approvers)')
      .fill(REASON);
    await dialog.getByRole('button', { name: 'Request approval' }).click();
    await expect(dialog.getByRole('status')).toContainText(
      'Approval requested from group:default/security',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(check).toHaveAttribute('data-status', 'FAIL');

    // The guest may not decide their own request: no Approve button for them.
    await page.getByRole('tab', { name: 'Approvals' }).click();
    const requests = page.getByRole('table', { name: 'Approval requests' });
    const mine = requests.getByRole('row').filter({ hasText: REASON });
    await expect(mine).toContainText('pending');
    await expect(mine.getByRole('button', { name: 'Approve' })).toHaveCount(0);

    // Sam, from the security group, approves it in his own session.
    const sam = await signInAs(browser, 'sam', '/prod-hardening/approvals');
    try {
      const request = sam
        .getByRole('table', { name: 'Approval requests' })
        .getByRole('row')
        .filter({ hasText: REASON });
      await expect(request).toContainText('user:default/guest');
      await expect(request).toContainText('PutPublicAccessBlock');
      await request
        .getByLabel('Comment')
        .fill('The website moves behind CloudFront first.');
      await request.getByRole('button', { name: 'Approve' }).click();
      await expect(request).toContainText('approved');
      await expect(request).toContainText('user:default/sam');
      await sam.screenshot({ path: testInfo.outputPath('approved.png') });
    } finally {
      await sam.context().close();
    }

    // Back to the guest: the approved plan runs once, verified.
    await page.reload();
    const approved = page
      .getByRole('table', { name: 'Approval requests' })
      .getByRole('row')
      .filter({ hasText: REASON });
    await expect(approved).toContainText('approved');
    await approved
      .getByRole('button', { name: 'Execute approved plan' })
      .click();
    await expect(approved.getByRole('status')).toContainText(
      'Applied and verified: the check passes.',
    );
    await expect(approved).toContainText('executed');

    await page.getByRole('tab', { name: 'Posture' }).click();
    await expect(page.getByTestId(`check-${BPA}`)).toHaveAttribute(
      'data-status',
      'PASS',
    );
    const history = page.getByRole('table', { name: 'Remediation history' });
    await expect(history).toContainText(BPA);
    await expect(history).toContainText('user:default/sam');
    await expect(history).toContainText('succeeded');
    await expect(history).toContainText('user:default/guest');
  });
});
