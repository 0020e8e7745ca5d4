import {
  CreateBucketCommand,
  CreateBucketCommandInput,
  DeletePublicAccessBlockCommand as DeleteBucketPublicAccessBlockCommand,
  HeadBucketCommand,
  PutBucketPolicyCommand,
  PutBucketWebsiteCommand,
} from '@aws-sdk/client-s3';
import {
  DeletePublicAccessBlockCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3-control';
import { cloudTrailArn, s3BucketArn, AccountScope } from '../arns';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep } from '../context';

export type StoryBucketKind = 'private' | 'website' | 'cloudtrail';

export interface StoryBucket {
  name: string;
  kind: StoryBucketKind;
}

/** Static-site bucket: the deliberately public one in the story. */
export const STATIC_SITE_BUCKET = 'huntaze-static-site-production';

export const cloudTrailBucketName = (accountId: string) =>
  `huntaze-cloudtrail-logs-${accountId}`;

/** The account's buckets before hardening. */
export function storyBuckets(accountId: string): StoryBucket[] {
  return [
    { name: 'huntaze-assets-production', kind: 'private' },
    { name: 'huntaze-uploads-production', kind: 'private' },
    { name: STATIC_SITE_BUCKET, kind: 'website' },
    { name: cloudTrailBucketName(accountId), kind: 'cloudtrail' },
  ];
}

/** us-east-1 rejects a LocationConstraint; every other region requires one. */
export function buildCreateBucketInput(
  name: string,
  region: string,
): CreateBucketCommandInput {
  return region === 'us-east-1'
    ? { Bucket: name }
    : {
        Bucket: name,
        CreateBucketConfiguration: { LocationConstraint: region as any },
      };
}

/** Anyone may read the static site's objects: the public bucket a posture check flags. */
export function buildPublicReadPolicy(bucket: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicReadGetObject',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `${s3BucketArn(bucket)}/*`,
      },
    ],
  };
}

/** The bucket policy CloudTrail needs before CreateTrail accepts the bucket. */
export function buildCloudTrailBucketPolicy(
  scope: AccountScope,
  bucket: string,
  trailName: string,
) {
  const sourceArn = {
    StringEquals: { 'aws:SourceArn': cloudTrailArn(scope, trailName) },
  };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: s3BucketArn(bucket),
        Condition: sourceArn,
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${s3BucketArn(bucket)}/AWSLogs/${scope.accountId}/*`,
        Condition: {
          StringEquals: {
            ...sourceArn.StringEquals,
            's3:x-amz-acl': 'bucket-owner-full-control',
          },
        },
      },
    ],
  };
}

export async function bucketExists(
  ctx: SeedContext,
  bucket: string,
): Promise<boolean> {
  try {
    await ctx.clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (err) {
    if (isAwsError(err, 'NotFound', 'NoSuchBucket')) return false;
    throw err;
  }
}

async function configureBucket(
  ctx: SeedContext,
  bucket: StoryBucket,
): Promise<void> {
  const { s3 } = ctx.clients;
  if (bucket.kind === 'website') {
    // A bucket-level block would hide the public policy; the story has none.
    await s3.send(
      new DeleteBucketPublicAccessBlockCommand({ Bucket: bucket.name }),
    );
    await s3.send(
      new PutBucketWebsiteCommand({
        Bucket: bucket.name,
        WebsiteConfiguration: {
          IndexDocument: { Suffix: 'index.html' },
          ErrorDocument: { Key: 'error.html' },
        },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket.name,
        Policy: JSON.stringify(buildPublicReadPolicy(bucket.name)),
      }),
    );
  }
  if (bucket.kind === 'cloudtrail') {
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket.name,
        Policy: JSON.stringify(
          buildCloudTrailBucketPolicy(
            ctx,
            bucket.name,
            ctx.resources.cloudTrailName,
          ),
        ),
      }),
    );
  }
}

/** The story has no account-level Block Public Access; returns true if one was removed. */
async function removeAccountPublicAccessBlock(
  ctx: SeedContext,
): Promise<boolean> {
  const { s3Control } = ctx.clients;
  try {
    await s3Control.send(
      new GetPublicAccessBlockCommand({ AccountId: ctx.accountId }),
    );
  } catch (err) {
    if (isAwsError(err, 'NoSuchPublicAccessBlockConfiguration')) return false;
    throw err;
  }
  await s3Control.send(
    new DeletePublicAccessBlockCommand({ AccountId: ctx.accountId }),
  );
  return true;
}

export const s3Step: SeedStep = {
  name: 's3',
  async run(ctx) {
    const report = emptyReport('s3');
    for (const bucket of storyBuckets(ctx.accountId)) {
      if (await bucketExists(ctx, bucket.name)) {
        report.existing.push(`bucket ${bucket.name}`);
      } else {
        await ctx.clients.s3.send(
          new CreateBucketCommand(
            buildCreateBucketInput(bucket.name, ctx.region),
          ),
        );
        report.created.push(`bucket ${bucket.name}`);
      }
      await configureBucket(ctx, bucket);
    }
    if (await removeAccountPublicAccessBlock(ctx)) {
      report.removed.push('account-level S3 Block Public Access');
    }
    return report;
  },
};
