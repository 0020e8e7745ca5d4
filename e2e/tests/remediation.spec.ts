import { expect, test } from '@playwright/test';
import { openPortal } from '../support/portal';

test.describe('one-click remediation', () => {
  test('turns on account S3 Block Public Access through preview and confirmation; the check passes and the history shows it', async ({
    page,
  }, testInfo) => {
    await openPortal(page, '/prod-hardening/posture');
    const check = page.getByTestId('check-s3-account-public-access-block');
    await expect(check).toHaveAttribute('data-status', 'FAIL');
    await check
      .getByText('S3 Block Public Access is on for the whole account')
      .click();
    await check.getByRole('button', { name: 'Remediate…' }).click();

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
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('button', { name: 'Apply change' }).click();
    await expect(dialog.getByRole('status')).toContainText(
      'Applied and verified: the check passes.',
    );
    await page.screenshot({
      path: testInfo.outputPath('remediation-result.png'),
    });
    await dialog.getByRole('button', { name: 'Close' }).click();

    await expect(check).toHaveAttribute('data-status', 'PASS');
    const history = page.getByRole('table', { name: 'Remediation history' });
    await expect(history).toContainText('s3-account-public-access-block');
    await expect(history).toContainText('succeeded');
    await expect(history).toContainText('user:default/guest');
  });
});
