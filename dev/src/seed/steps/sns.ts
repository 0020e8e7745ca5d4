import {
  CreateAliasCommand,
  CreateKeyCommand,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
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

/** The alias of the key the Terraform module creates for the alert topics (kms.tf). */
export const ALERT_KEY_ALIAS = 'alias/huntaze-production-hardening';
/** The AWS managed SNS key: AWS services cannot publish to topics encrypted with it. */
export const AWS_MANAGED_SNS_KEY = 'alias/aws/sns';

/**
 * Encryption of the alert topics before hardening: the cost and security topics use
 * the module's key, the ops topic the AWS managed key, which CloudWatch alarms cannot
 * publish with, so the ops alerts are silently dropped. An empty string removes a key.
 */
export function storyTopicKeys(
  topics: SeedContext['resources']['topics'],
): Array<{ name: string; kmsMasterKeyId: string }> {
  return [
    { name: topics.costAlerts, kmsMasterKeyId: ALERT_KEY_ALIAS },
    { name: topics.securityAlerts, kmsMasterKeyId: ALERT_KEY_ALIAS },
    { name: topics.opsAlerts, kmsMasterKeyId: AWS_MANAGED_SNS_KEY },
  ];
}

/** The id of the key behind ALERT_KEY_ALIAS, if it exists. */
export async function findAlertKeyId(
  ctx: SeedContext,
): Promise<string | undefined> {
  let Marker: string | undefined;
  do {
    const page = await ctx.clients.kms.send(new ListAliasesCommand({ Marker }));
    const alias = page.Aliases?.find(a => a.AliasName === ALERT_KEY_ALIAS);
    if (alias) return alias.TargetKeyId;
    Marker = page.Truncated ? page.NextMarker : undefined;
  } while (Marker);
  return undefined;
}

/** The customer managed key behind ALERT_KEY_ALIAS; created once. */
async function ensureAlertKey(ctx: SeedContext, report: StepReport) {
  if (await findAlertKeyId(ctx)) {
    report.existing.push(`KMS key ${ALERT_KEY_ALIAS}`);
    return;
  }
  const { KeyMetadata } = await ctx.clients.kms.send(
    new CreateKeyCommand({
      Description: 'Alert topics (production hardening)',
    }),
  );
  await ctx.clients.kms.send(
    new CreateAliasCommand({
      AliasName: ALERT_KEY_ALIAS,
      TargetKeyId: KeyMetadata!.KeyId!,
    }),
  );
  report.created.push(`KMS key ${ALERT_KEY_ALIAS}`);
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
    await ensureAlertKey(ctx, report);
    for (const { name, kmsMasterKeyId } of storyTopicKeys(topics)) {
      await ctx.clients.sns.send(
        new SetTopicAttributesCommand({
          TopicArn: snsTopicArn(ctx, name),
          AttributeName: 'KmsMasterKeyId',
          AttributeValue: kmsMasterKeyId,
        }),
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
