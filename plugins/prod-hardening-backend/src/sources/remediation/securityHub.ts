import {
  BatchEnableStandardsCommand,
  EnableSecurityHubCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { RemediationAws } from '../../aws';

/** Security Hub and its standards, written with the remediation role. */
export class SecurityHubRemediation {
  constructor(private readonly aws: RemediationAws) {}

  private client() {
    return this.aws.client(SecurityHubClient);
  }

  /** Enables the hub; a hub enabled meanwhile (ResourceConflictException) is the goal too. */
  async enableHub(): Promise<void> {
    try {
      await this.client().send(
        new EnableSecurityHubCommand({
          EnableDefaultStandards: false,
          ControlFindingGenerator: 'SECURITY_CONTROL',
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ResourceConflictException') throw err;
    }
  }

  /** Subscribes to the standards; a subscription AWS reports as FAILED is an error. */
  async enableStandards(standardsArns: string[]): Promise<void> {
    const out = await this.client().send(
      new BatchEnableStandardsCommand({
        StandardsSubscriptionRequests: standardsArns.map(StandardsArn => ({
          StandardsArn,
        })),
      }),
    );
    const failed = (out.StandardsSubscriptions ?? []).filter(
      s => s.StandardsStatus === 'FAILED',
    );
    if (failed.length > 0) {
      throw new Error(
        `Security Hub could not subscribe to ${failed
          .map(
            s =>
              `${s.StandardsArn} (${
                s.StandardsStatusReason?.StatusReasonCode ?? 'no reason given'
              })`,
          )
          .join(', ')}`,
      );
    }
  }
}
