import {
  CreateLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { emptyReport, SeedContext, SeedStep, StepReport } from '../context';

/**
 * Log groups of the services before hardening: one keeps logs forever (the default),
 * one for a week, one already inside the seed's 30–90 days.
 */
export function storyLogGroups(
  resources: SeedContext['resources'],
): Array<{ name: string; retentionDays?: number }> {
  const [web, workers] = resources.ecsClusters;
  return [
    { name: `/ecs/${web}` },
    { name: `/ecs/${workers}`, retentionDays: 7 },
    { name: '/aws/lambda/huntaze-rate-limiter', retentionDays: 30 },
  ];
}

export const cloudWatchLogsStep: SeedStep = {
  name: 'logs',
  async run(ctx): Promise<StepReport> {
    const report = emptyReport('logs');
    const logs = ctx.clients.cloudWatchLogs;
    const existing = new Set(
      (
        (
          await logs.send(
            new DescribeLogGroupsCommand({ logGroupNamePrefix: '/' }),
          )
        ).logGroups ?? []
      ).map(g => g.logGroupName),
    );
    for (const group of storyLogGroups(ctx.resources)) {
      if (existing.has(group.name)) {
        report.existing.push(`log group ${group.name}`);
      } else {
        await logs.send(
          new CreateLogGroupCommand({ logGroupName: group.name }),
        );
        report.created.push(`log group ${group.name}`);
      }
      // Back to the story's retention, whatever a remediation set.
      if (group.retentionDays) {
        await logs.send(
          new PutRetentionPolicyCommand({
            logGroupName: group.name,
            retentionInDays: group.retentionDays,
          }),
        );
      } else {
        await logs.send(
          new DeleteRetentionPolicyCommand({ logGroupName: group.name }),
        );
      }
    }
    return report;
  },
};
