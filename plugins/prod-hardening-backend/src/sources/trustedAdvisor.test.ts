import {
  DescribeTrustedAdvisorCheckSummariesCommand,
  DescribeTrustedAdvisorChecksCommand,
  SupportClient,
} from '@aws-sdk/client-support';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientFactory } from '../aws';
import { TrustedAdvisorSource } from './trustedAdvisor';

// moto_server lists Trusted Advisor checks but has no check summaries, and no emulator
// reproduces a Business-support account, so the Support API's answers are mocked here;
// the unavailable path runs against moto in router/finops.test.ts.
const support = mockClient(SupportClient);

function factory(): AwsClientFactory {
  const client = new SupportClient({ region: 'us-east-1' });
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    client: () => client,
    destroy: () => client.destroy(),
  } as unknown as AwsClientFactory;
}

const check = (id: string, category: string) => ({
  id,
  name: `Check ${id}`,
  category,
  description: '',
  metadata: [],
});

describe('TrustedAdvisorSource', () => {
  beforeEach(() => support.reset());

  it('reads the summaries of the cost-optimising checks only, 100 ids per request', async () => {
    const costIds = Array.from({ length: 105 }, (_, i) => `cost-${i}`);
    support.on(DescribeTrustedAdvisorChecksCommand).resolves({
      checks: [
        ...costIds.map(id => check(id, 'cost_optimizing')),
        check('sec-1', 'security'),
      ],
    });
    support
      .on(DescribeTrustedAdvisorCheckSummariesCommand)
      .callsFake(input => ({
        summaries: input.checkIds.map((checkId: string) => ({
          checkId,
          status: checkId === 'cost-3' ? 'warning' : 'ok',
          timestamp: '2026-11-28T00:00:00Z',
          resourcesSummary: {
            resourcesProcessed: 4,
            resourcesFlagged: checkId === 'cost-3' ? 2 : 0,
            resourcesIgnored: 0,
            resourcesSuppressed: 0,
          },
          categorySpecificSummary: {
            costOptimizing: {
              estimatedMonthlySavings: checkId === 'cost-3' ? 12.5 : 0,
              estimatedPercentMonthlySavings: 0,
            },
          },
        })),
      }));

    const checks = await new TrustedAdvisorSource(
      factory(),
    ).getCostOptimizingChecks();

    const batches = support
      .commandCalls(DescribeTrustedAdvisorCheckSummariesCommand)
      .map(c => c.args[0].input.checkIds?.length);
    expect(batches).toEqual([100, 5]);
    expect(checks).toHaveLength(105);
    expect(checks.find(c => c.id === 'sec-1')).toBeUndefined();
    expect(checks.find(c => c.id === 'cost-3')).toEqual({
      id: 'cost-3',
      name: 'Check cost-3',
      status: 'warning',
      resourcesFlagged: 2,
      resourcesProcessed: 4,
      estimatedMonthlySavingsUsd: 12.5,
    });
  });

  it('lets a missing support plan surface as the error AWS sends', async () => {
    support.on(DescribeTrustedAdvisorChecksCommand).rejects(
      Object.assign(new Error('AWS Premium Support Subscription is required'), {
        name: 'SubscriptionRequiredException',
      }),
    );
    await expect(
      new TrustedAdvisorSource(factory()).getCostOptimizingChecks(),
    ).rejects.toMatchObject({ name: 'SubscriptionRequiredException' });
  });
});
