import {
  CreateBucketCommand,
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  LifecycleRule,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep, StepReport } from '../context';
import { bucketExists, buildCreateBucketInput } from './s3';

/** Days a noncurrent version is kept (variables.tf noncurrent_version_expiration_days). */
export const STORY_NONCURRENT_DAYS = 90;

/** The rules of infra/terraform/production-hardening/s3_intelligent_tiering.tf. */
export function buildIntelligentTieringRules(): LifecycleRule[] {
  return [
    {
      ID: 'intelligent-tiering',
      Status: 'Enabled',
      Filter: { Prefix: '' },
      Transitions: [{ Days: 0, StorageClass: 'INTELLIGENT_TIERING' }],
    },
    {
      ID: 'expire-noncurrent-versions',
      Status: 'Enabled',
      Filter: { Prefix: '' },
      NoncurrentVersionExpiration: { NoncurrentDays: STORY_NONCURRENT_DAYS },
    },
  ];
}

/**
 * Day 10 half done: both buckets are versioned; only the first named bucket moves its
 * objects to Intelligent-Tiering and expires noncurrent versions, the second has no
 * lifecycle rules at all.
 */
export function storyLifecycle(
  buckets: string[],
): Array<{ bucket: string; tiered: boolean }> {
  return buckets.map((bucket, i) => ({ bucket, tiered: i === 0 }));
}

async function currentRules(
  ctx: SeedContext,
  bucket: string,
): Promise<LifecycleRule[]> {
  try {
    const { Rules = [] } = await ctx.clients.s3.send(
      new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }),
    );
    return Rules;
  } catch (err) {
    if (isAwsError(err, 'NoSuchLifecycleConfiguration')) return [];
    throw err;
  }
}

/** Compared by what the posture check reads: ids, status, transitions, expiry. */
const fingerprint = (rules: LifecycleRule[]) =>
  JSON.stringify(
    rules.map(r => [
      r.ID,
      r.Status,
      (r.Transitions ?? []).map(t => [t.Days, t.StorageClass]),
      r.NoncurrentVersionExpiration?.NoncurrentDays,
    ]),
  );

async function ensureVersioning(ctx: SeedContext, bucket: string) {
  const { Status } = await ctx.clients.s3.send(
    new GetBucketVersioningCommand({ Bucket: bucket }),
  );
  if (Status !== 'Enabled') {
    await ctx.clients.s3.send(
      new PutBucketVersioningCommand({
        Bucket: bucket,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
  }
}

async function ensureLifecycle(
  ctx: SeedContext,
  bucket: string,
  tiered: boolean,
  report: StepReport,
) {
  const rules = await currentRules(ctx, bucket);
  const label = `lifecycle rules of ${bucket}`;
  if (!tiered) {
    if (rules.length) {
      await ctx.clients.s3.send(
        new DeleteBucketLifecycleCommand({ Bucket: bucket }),
      );
      report.removed.push(label);
    }
    return;
  }
  const wanted = buildIntelligentTieringRules();
  if (fingerprint(rules) === fingerprint(wanted)) {
    report.existing.push(label);
    return;
  }
  await ctx.clients.s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      LifecycleConfiguration: { Rules: wanted },
    }),
  );
  report.created.push(label);
}

/** Versioning and lifecycle rules of the Intelligent-Tiering buckets (after s3). */
export const s3LifecycleStep: SeedStep = {
  name: 's3-lifecycle',
  async run(ctx) {
    const report = emptyReport('s3-lifecycle');
    for (const { bucket, tiered } of storyLifecycle(
      ctx.resources.intelligentTieringBuckets,
    )) {
      if (!(await bucketExists(ctx, bucket))) {
        await ctx.clients.s3.send(
          new CreateBucketCommand(buildCreateBucketInput(bucket, ctx.region)),
        );
        report.created.push(`bucket ${bucket}`);
      }
      await ensureVersioning(ctx, bucket);
      await ensureLifecycle(ctx, bucket, tiered, report);
    }
    return report;
  },
};
