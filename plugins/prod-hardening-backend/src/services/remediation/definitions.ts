import type { ProdHardeningConfig } from '../../config';
import { CHECKS } from '../../domain/posture/catalog';
import {
  AccountBpaState,
  GuardDutyState,
  PlanBody,
  planAccountPublicAccessBlock,
  planEnableGuardDuty,
  GUARDDUTY_PUBLISHING_FREQUENCY,
} from '../../domain/remediation/plans';
import type { GuardDutyRemediation } from '../../sources/remediation/guardDuty';
import type { S3ControlRemediation } from '../../sources/remediation/s3Control';
import type { S3Source } from '../../sources/s3';
import type { PostureSources } from '../posture/sources';

/**
 * An automated remediation: read the state (read role), plan from it (pure), and
 * execute the plan's calls (remediation role). `resourceId` names what it changes.
 */
export interface RemediationDefinition<S = unknown> {
  checkId: string;
  resourceId: string;
  readState(): Promise<S>;
  plan(state: S): PlanBody;
  execute(state: S): Promise<void>;
}

export interface RemediationWriters {
  s3Control: S3ControlRemediation;
  guardDuty: GuardDutyRemediation;
}

export function buildRemediations(
  read: PostureSources & { s3: S3Source },
  write: RemediationWriters,
  config: ProdHardeningConfig,
): RemediationDefinition<any>[] {
  const { accountId, region } = config.aws;
  const accountBpa: RemediationDefinition<AccountBpaState> = {
    checkId: CHECKS.s3AccountPublicAccessBlock.id,
    resourceId: `arn:aws:s3:::account/${accountId}`,
    async readState() {
      const [bpa, buckets] = await Promise.all([
        read.s3Control.getAccountPublicAccessBlock(),
        read.s3.listBucketNames(),
      ]);
      const website = await Promise.all(
        buckets.map(async b => ((await read.s3.hasWebsite(b)) ? b : undefined)),
      );
      return {
        accountId,
        config: bpa,
        websiteBuckets: website.filter((b): b is string => Boolean(b)).sort(),
      };
    },
    plan: planAccountPublicAccessBlock,
    async execute() {
      await write.s3Control.putAccountPublicAccessBlock({
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      });
    },
  };
  const guardDuty: RemediationDefinition<GuardDutyState> = {
    checkId: CHECKS.guardDutyEnabled.id,
    resourceId: `guardduty/${region}`,
    async readState() {
      return { region, detectors: await read.guardDuty.listDetectors() };
    },
    plan: planEnableGuardDuty,
    async execute(state) {
      if (state.detectors.length === 0) {
        await write.guardDuty.createDetector(GUARDDUTY_PUBLISHING_FREQUENCY);
        return;
      }
      for (const d of state.detectors.filter(x => x.status !== 'ENABLED')) {
        await write.guardDuty.enableDetector(d.detectorId);
      }
    },
  };
  return [accountBpa, guardDuty];
}
