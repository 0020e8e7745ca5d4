import {
  CreateTrailCommand,
  GetTrailCommand,
  StartLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedStep } from '../context';
import { cloudTrailBucketName } from './s3';

/**
 * The trail before hardening: one region only and no log file validation. Used both
 * to create the trail and to put a remediated trail back into the story.
 */
export function buildStoryTrailSettings(trailName: string, accountId: string) {
  return {
    Name: trailName,
    S3BucketName: cloudTrailBucketName(accountId),
    IsMultiRegionTrail: false,
    EnableLogFileValidation: false,
    IncludeGlobalServiceEvents: true,
  };
}

/** Needs the s3 step first: CreateTrail refuses a bucket that does not exist. */
export const cloudTrailStep: SeedStep = {
  name: 'cloudtrail',
  async run(ctx) {
    const report = emptyReport('cloudtrail');
    const { cloudTrail } = ctx.clients;
    const name = ctx.resources.cloudTrailName;
    const settings = buildStoryTrailSettings(name, ctx.accountId);
    let exists = true;
    try {
      await cloudTrail.send(new GetTrailCommand({ Name: name }));
    } catch (err) {
      if (!isAwsError(err, 'TrailNotFoundException')) throw err;
      exists = false;
    }
    if (exists) {
      await cloudTrail.send(new UpdateTrailCommand(settings));
      report.existing.push(`trail ${name}`);
    } else {
      await cloudTrail.send(new CreateTrailCommand(settings));
      report.created.push(`trail ${name}`);
    }
    // By name: the emulator rejects an ARN here, and a name works everywhere.
    await cloudTrail.send(new StartLoggingCommand({ Name: name }));
    return report;
  },
};
