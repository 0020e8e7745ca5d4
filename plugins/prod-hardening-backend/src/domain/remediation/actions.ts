import { z } from 'zod';

/**
 * The AWS writes automated remediations make, one kind per API call, each with its
 * parameters typed exactly as they are sent. A plan's preview is a list of these; the
 * same list is stored with the plan and, parsed again with these schemas, is what
 * execute runs (src/sources/remediation/actionExecutor.ts maps each kind to one SDK
 * command, and the compiler checks that every `params` fits that command's input).
 *
 * The schemas accept only what the remediations write (e.g. turning a setting on),
 * so a stored plan altered by hand cannot become some other change.
 */

/** One action: `service` and `action` name the API call, `params` is its input. */
function awsWrite<S extends string, A extends string, P extends z.ZodRawShape>(
  service: S,
  action: A,
  params: P,
) {
  return z
    .object({
      service: z.literal(service),
      action: z.literal(action),
      params: z.object(params).strict(),
    })
    .strict();
}

const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit account id');
/** Names and ARNs as AWS takes them: non-empty, bounded, no control characters. */
const awsName = z
  .string()
  .min(1)
  .max(2048)
  .regex(/^[^\p{Cc}]+$/u, 'no control characters');
const arn = awsName.regex(/^arn:/, 'an ARN');

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
  2192, 2557, 2922, 3288, 3653,
] as const;

export const GUARDDUTY_PUBLISHING_FREQUENCIES = [
  'FIFTEEN_MINUTES',
  'ONE_HOUR',
  'SIX_HOURS',
] as const;

/** s3control PutPublicAccessBlock: account-wide S3 Block Public Access. */
export const putAccountPublicAccessBlock = awsWrite(
  's3control',
  'PutPublicAccessBlock',
  {
    AccountId: accountId,
    PublicAccessBlockConfiguration: z
      .object({
        BlockPublicAcls: z.boolean(),
        IgnorePublicAcls: z.boolean(),
        BlockPublicPolicy: z.boolean(),
        RestrictPublicBuckets: z.boolean(),
      })
      .strict(),
  },
);

export const createGuardDutyDetector = awsWrite('guardduty', 'CreateDetector', {
  Enable: z.literal(true),
  FindingPublishingFrequency: z.enum(GUARDDUTY_PUBLISHING_FREQUENCIES),
});

export const enableGuardDutyDetector = awsWrite('guardduty', 'UpdateDetector', {
  DetectorId: z.string().regex(/^[a-z0-9]{1,300}$/, 'a detector id'),
  Enable: z.literal(true),
});

export const updateTrail = awsWrite('cloudtrail', 'UpdateTrail', {
  Name: awsName,
  IsMultiRegionTrail: z.literal(true),
  EnableLogFileValidation: z.literal(true),
});

export const startTrailLogging = awsWrite('cloudtrail', 'StartLogging', {
  Name: awsName,
});

export const updateEcsCluster = awsWrite('ecs', 'UpdateCluster', {
  cluster: awsName,
  settings: z
    .array(
      z
        .object({
          name: z.literal('containerInsights'),
          value: z.enum(['enabled', 'enhanced']),
        })
        .strict(),
    )
    .length(1),
});

export const updateContinuousBackups = awsWrite(
  'dynamodb',
  'UpdateContinuousBackups',
  {
    TableName: awsName,
    PointInTimeRecoverySpecification: z
      .object({ PointInTimeRecoveryEnabled: z.literal(true) })
      .strict(),
  },
);

export const setQueueAttributes = awsWrite('sqs', 'SetQueueAttributes', {
  QueueUrl: z.string().url().max(2048),
  Attributes: z.object({ SqsManagedSseEnabled: z.literal('true') }).strict(),
});

export const putLogRetention = awsWrite('logs', 'PutRetentionPolicy', {
  logGroupName: awsName.max(512),
  retentionInDays: z
    .number()
    .int()
    .refine(
      days => (LOG_RETENTION_DAYS as readonly number[]).includes(days),
      'a retention CloudWatch Logs accepts',
    ),
});

export const enableSecurityHub = awsWrite('securityhub', 'EnableSecurityHub', {
  EnableDefaultStandards: z.literal(false),
  ControlFindingGenerator: z.literal('SECURITY_CONTROL'),
});

export const enableSecurityHubStandards = awsWrite(
  'securityhub',
  'BatchEnableStandards',
  {
    StandardsSubscriptionRequests: z
      .array(z.object({ StandardsArn: arn }).strict())
      .min(1)
      .max(25),
  },
);

/** Every action a remediation plan can hold; `action` tells them apart. */
export const remediationAction = z.discriminatedUnion('action', [
  putAccountPublicAccessBlock,
  createGuardDutyDetector,
  enableGuardDutyDetector,
  updateTrail,
  startTrailLogging,
  updateEcsCluster,
  updateContinuousBackups,
  setQueueAttributes,
  putLogRetention,
  enableSecurityHub,
  enableSecurityHubStandards,
]);

export type RemediationAction = z.infer<typeof remediationAction>;
export type RemediationActionKind = RemediationAction['action'];
export type RemediationActionOf<K extends RemediationActionKind> = Extract<
  RemediationAction,
  { action: K }
>;

/** A plan holds at most this many actions (the largest today is one per log group). */
export const MAX_ACTIONS_PER_PLAN = 500;

const remediationActions = z.array(remediationAction).max(MAX_ACTIONS_PER_PLAN);

export type ParsedActions =
  | { ok: true; actions: RemediationAction[] }
  | { ok: false; problem: string };

/**
 * Reads a stored plan's actions back. Anything that is not exactly a list of known
 * actions is refused with what is wrong, so nothing unknown ever reaches AWS.
 */
export function parseRemediationActions(stored: unknown): ParsedActions {
  const parsed = remediationActions.safeParse(stored);
  if (parsed.success) return { ok: true, actions: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, problem: `${where}${issue.message}` };
}
