import { runbookLinkTarget } from './runbookLinks';

describe('runbookLinkTarget', () => {
  it('opens links to other runbooks in the portal', () => {
    expect(runbookLinkTarget('cost-alerts.md')).toBe('?runbook=cost-alerts');
    expect(runbookLinkTarget('./rate-limiter.md#steps')).toBe(
      '?runbook=rate-limiter',
    );
  });

  it('leaves every other link as written', () => {
    for (const href of [
      'README.md',
      '../../lambdas/rate-limiter/README.md',
      'https://docs.aws.amazon.com/x.md',
      '#rollback',
      'javascript:alert(1)',
    ]) {
      expect(runbookLinkTarget(href)).toBe(href);
    }
  });
});
