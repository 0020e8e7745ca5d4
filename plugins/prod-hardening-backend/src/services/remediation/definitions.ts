import { AUTOMATED_CHECKS, remediationOf } from '../../checks';
import type { ProdHardeningConfig } from '../../config';
import type { FixCost } from '../../domain/fixCost/fixCost';
import type { PlanBody } from '../../domain/remediation/plans';
import type { S3Source } from '../../sources/s3';
import type { PostureSources } from '../posture/sources';

/**
 * An automated remediation: read the state (read role) and plan from it (pure). The
 * plan's typed actions are what the preview shows and what the generic executor runs
 * (remediation role); `resourceId` names what it changes.
 */
export interface RemediationDefinition<S = unknown> {
  checkId: string;
  resourceId: string;
  readState(): Promise<S>;
  plan(state: S): PlanBody;
  /** What the plan made from `state` adds to the monthly bill (never throws). */
  estimateCost(state: S): Promise<FixCost>;
}

export function buildRemediations(
  read: PostureSources & { s3: S3Source },
  config: ProdHardeningConfig,
): RemediationDefinition<any>[] {
  return AUTOMATED_CHECKS.map(check => remediationOf(check, read, config));
}
