import {
  DescribeTrustedAdvisorCheckSummariesCommand,
  DescribeTrustedAdvisorChecksCommand,
  SupportClient,
} from '@aws-sdk/client-support';
import type { AwsClientFactory } from '../aws';

export interface TrustedAdvisorCheckSummary {
  id: string;
  name: string;
  /** As AWS reports it: ok, warning, error or not_available. */
  status: string;
  resourcesFlagged: number;
  resourcesProcessed: number;
  /** Decimal USD, when Trusted Advisor estimates a saving. */
  estimatedMonthlySavingsUsd?: number;
}

/** The Support API allows at most this many check ids per summaries request. */
const SUMMARY_BATCH = 100;

/**
 * AWS Trusted Advisor through the Support API (read-only, free of charge). The API only
 * answers on Business, Enterprise On-Ramp and Enterprise support plans; other accounts get
 * SubscriptionRequiredException, which the caller shows as "not available".
 */
export class TrustedAdvisorSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async getCostOptimizingChecks(): Promise<TrustedAdvisorCheckSummary[]> {
    const client = this.aws.client(SupportClient);
    const { checks = [] } = await client.send(
      new DescribeTrustedAdvisorChecksCommand({ language: 'en' }),
    );
    const costChecks = checks.filter(
      c => c.category === 'cost_optimizing' && c.id,
    );
    const names = new Map(costChecks.map(c => [c.id!, c.name ?? c.id!]));
    const ids = [...names.keys()];
    const out: TrustedAdvisorCheckSummary[] = [];
    for (let i = 0; i < ids.length; i += SUMMARY_BATCH) {
      const { summaries = [] } = await client.send(
        new DescribeTrustedAdvisorCheckSummariesCommand({
          checkIds: ids.slice(i, i + SUMMARY_BATCH),
        }),
      );
      for (const s of summaries) {
        if (!s.checkId) continue;
        out.push({
          id: s.checkId,
          name: names.get(s.checkId) ?? s.checkId,
          status: s.status ?? 'not_available',
          resourcesFlagged: s.resourcesSummary?.resourcesFlagged ?? 0,
          resourcesProcessed: s.resourcesSummary?.resourcesProcessed ?? 0,
          estimatedMonthlySavingsUsd:
            s.categorySpecificSummary?.costOptimizing?.estimatedMonthlySavings,
        });
      }
    }
    return out;
  }
}
