import { AUTOMATED_CHECKS } from '../../checks';
import type { CheckBinding, RemediableCheck } from '../../checks/PostureCheck';
import type { ProdHardeningConfig } from '../../config';
import type { FixCost } from '../../domain/fixCost/fixCost';
import type { PlanBody } from '../../domain/remediation/plans';
import type { S3Source } from '../../sources/s3';
import { createEvaluationContext } from '../posture/evaluationContext';
import type { PostureSources } from '../posture/sources';
import { estimateFixCost } from './estimateFixCost';

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

/** The automated remediation of a check that has a plan. */
export function remediationOf<F, S>(
  check: RemediableCheck<F, S>,
  sources: PostureSources,
  config: ProdHardeningConfig,
): RemediationDefinition<S> {
  const { remediation } = check;
  // A remediation reads afresh: nothing is shared with an evaluation.
  const binding = (): CheckBinding => ({
    sources,
    config,
    context: createEvaluationContext(new Date()),
  });
  return {
    checkId: check.meta.id,
    resourceId: remediation.resourceId(config),
    readState: () => remediation.state(binding()),
    plan: state => remediation.plan(state),
    estimateCost: state =>
      estimateFixCost(remediation.cost, {
        binding: binding(),
        state,
        pricing: sources.pricing,
      }),
  };
}
