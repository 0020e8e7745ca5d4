import type { ProdHardeningConfig } from '../config';
import type { CheckMeta } from '../domain/posture/checkMeta';
import type { Evaluation } from '../domain/posture/evaluation';
import type { PlanBody } from '../domain/remediation/plans';
import type { CheckRunner } from '../services/posture/checkRunners';
import {
  createEvaluationContext,
  EvaluationContext,
} from '../services/posture/evaluationContext';
import type { PostureSources } from '../services/posture/sources';
import type { RemediationDefinition } from '../services/remediation/definitions';

/** What a check's facts binding may read through, and the account it reads. */
export interface CheckBinding {
  sources: PostureSources;
  config: ProdHardeningConfig;
  /** Shares reads between the checks of one evaluation. */
  context: EvaluationContext;
}

/**
 * A check as one module (one folder under src/checks): what it is, the one binding
 * that gathers its facts (the only I/O), a pure `evaluate`, and optionally a pure
 * `plan` returning typed actions that the generic executor runs. The catalog entry,
 * the posture runner and the automated remediation are all derived from it.
 */
export interface PostureCheck<Facts, PlanState = Facts> {
  meta: CheckMeta;
  facts(binding: CheckBinding): Promise<Facts>;
  evaluate(facts: Facts): Evaluation;
  remediation?: {
    /** What the remediation changes, for its lock and history rows. */
    resourceId(config: ProdHardeningConfig): string;
    /** The state the plan is made from (often the facts binding itself). */
    state(binding: CheckBinding): Promise<PlanState>;
    plan(state: PlanState): PlanBody;
  };
}

/** A check with an automated remediation. */
export type RemediableCheck<F, S = F> = PostureCheck<F, S> &
  Required<Pick<PostureCheck<F, S>, 'remediation'>>;

/** The posture runner of a check: gather its facts, evaluate them. */
export function runnerOf<F>(
  check: PostureCheck<F, any>,
  sources: PostureSources,
  config: ProdHardeningConfig,
): CheckRunner {
  return {
    meta: check.meta,
    run: async context =>
      check.evaluate(await check.facts({ sources, config, context })),
  };
}

/** The automated remediation of a check that has a plan. */
export function remediationOf<F, S>(
  check: RemediableCheck<F, S>,
  sources: PostureSources,
  config: ProdHardeningConfig,
): RemediationDefinition<S> {
  const { remediation } = check;
  return {
    checkId: check.meta.id,
    resourceId: remediation.resourceId(config),
    // A remediation reads afresh: nothing is shared with an evaluation.
    readState: () =>
      remediation.state({
        sources,
        config,
        context: createEvaluationContext(new Date()),
      }),
    plan: state => remediation.plan(state),
  };
}
