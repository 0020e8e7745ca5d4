import {
  CreateTopicCommand,
  ListTopicsCommand,
  SetTopicAttributesCommand,
} from '@aws-sdk/client-sns';
import { snsTopicArn, AccountScope } from '../arns';
import { emptyReport, SeedContext, SeedStep, StepReport } from '../context';

/**
 * Topic policy that lets AWS Budgets publish to the cost-alert topic. Without it a
 * real budget notification is silently dropped, so the story includes it.
 */
export function buildBudgetsPublishPolicy(
  scope: AccountScope,
  topicName: string,
) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowBudgetsToPublish',
        Effect: 'Allow',
        Principal: { Service: 'budgets.amazonaws.com' },
        Action: 'SNS:Publish',
        Resource: snsTopicArn(scope, topicName),
        Condition: { StringEquals: { 'aws:SourceAccount': scope.accountId } },
      },
    ],
  };
}

async function listTopicArns(ctx: SeedContext): Promise<Set<string>> {
  const arns = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.sns.send(
      new ListTopicsCommand({ NextToken }),
    );
    for (const t of page.Topics ?? []) if (t.TopicArn) arns.add(t.TopicArn);
    NextToken = page.NextToken;
  } while (NextToken);
  return arns;
}

export const snsStep: SeedStep = {
  name: 'sns',
  async run(ctx): Promise<StepReport> {
    const report = emptyReport('sns');
    const existing = await listTopicArns(ctx);
    const { topics } = ctx.resources;
    for (const name of Object.values(topics)) {
      const arn = snsTopicArn(ctx, name);
      // CreateTopic is idempotent by name; listing first only tells the report apart.
      await ctx.clients.sns.send(new CreateTopicCommand({ Name: name }));
      (existing.has(arn) ? report.existing : report.created).push(
        `topic ${name}`,
      );
    }
    await ctx.clients.sns.send(
      new SetTopicAttributesCommand({
        TopicArn: snsTopicArn(ctx, topics.costAlerts),
        AttributeName: 'Policy',
        AttributeValue: JSON.stringify(
          buildBudgetsPublishPolicy(ctx, topics.costAlerts),
        ),
      }),
    );
    return report;
  },
};
