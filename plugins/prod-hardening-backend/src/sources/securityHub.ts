import {
  AwsSecurityFinding,
  AwsSecurityFindingFilters,
  DescribeHubCommand,
  GetEnabledStandardsCommand,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { AwsClientFactory } from '../aws';

export interface HubState {
  enabled: boolean;
  hubArn?: string;
}

/** Security Hub: hub status, enabled standards and findings. */
export class SecurityHubSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async describeHub(): Promise<HubState> {
    try {
      const out = await this.aws
        .client(SecurityHubClient)
        .send(new DescribeHubCommand({}));
      return { enabled: true, hubArn: out.HubArn };
    } catch (err) {
      const name = (err as Error).name;
      if (
        name === 'InvalidAccessException' ||
        name === 'ResourceNotFoundException'
      ) {
        return { enabled: false };
      }
      throw err;
    }
  }

  /** ARNs of the enabled standards subscriptions (READY or PENDING). */
  async getEnabledStandardsArns(): Promise<string[]> {
    const client = this.aws.client(SecurityHubClient);
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetEnabledStandardsCommand({ NextToken: nextToken }),
      );
      for (const s of page.StandardsSubscriptions ?? []) {
        if (
          s.StandardsStatus !== 'FAILED' &&
          s.StandardsStatus !== 'DELETING' &&
          s.StandardsArn
        ) {
          arns.push(s.StandardsArn);
        }
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return arns;
  }

  /**
   * Every finding matching the filters, following pagination up to `maxFindings`.
   * Some endpoints ignore Filters, so callers filter the result again.
   */
  async getFindings(
    filters: AwsSecurityFindingFilters,
    maxFindings = 50_000,
  ): Promise<AwsSecurityFinding[]> {
    const client = this.aws.client(SecurityHubClient);
    const findings: AwsSecurityFinding[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetFindingsCommand({
          Filters: filters,
          MaxResults: 100,
          NextToken: nextToken,
        }),
      );
      findings.push(...(page.Findings ?? []));
      nextToken = page.NextToken;
    } while (nextToken && findings.length < maxFindings);
    return findings;
  }
}
