import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { CheckList } from './CheckList';

const check = (status: CheckResult['status']): CheckResult => ({
  id: 'elasticache-encryption',
  title: 'Redis is encrypted at rest and in transit, with AUTH',
  pillar: 'security',
  control: 'ElastiCache.4',
  severity: 'HIGH',
  status,
  summary: 'huntaze-redis is not encrypted.',
  resources: [],
  remediation: { kind: 'manual', why: 'Needs a migration.' },
  canAutoRemediate: false,
  evaluatedAt: '2026-11-28T08:00:00Z',
});

const render = (checks: CheckResult[]) =>
  renderInTestApp(
    <TestApiProvider apis={[[prodHardeningApiRef, fakeApi()]]}>
      <CheckList checks={checks} onRemediated={() => {}} />
    </TestApiProvider>,
  );

describe('CheckList runbook links', () => {
  it('links a failing check to the runbook that fixes it', async () => {
    await render([check('FAIL')]);
    const row = await screen.findByTestId('check-elasticache-encryption');
    expect(
      within(row).getByTestId('runbook-link-elasticache-migration'),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('?runbook=elasticache-migration'),
    );
  });

  it('has no runbook link once the check passes', async () => {
    await render([check('PASS')]);
    const row = await screen.findByTestId('check-elasticache-encryption');
    expect(
      within(row).queryByTestId('runbook-link-elasticache-migration'),
    ).toBeNull();
  });
});
