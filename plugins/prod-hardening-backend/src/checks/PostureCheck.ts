import type { ProdHardeningConfig } from '../config';
import type { CheckMeta } from '../domain/posture/checkMeta';
import {
  noCharge,
  type FixCost,
  type PriceQuery,
  type Prices,
} from '../domain/fixCost/fixCost';
import type { Evaluation } from '../domain/posture/evaluation';
import type { PlanBody } from '../domain/remediation/plans';
import type { EvaluationContext } from '../services/posture/evaluationContext';
import type { PostureSources } from '../services/posture/sources';

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
    /** What the fix adds to the monthly bill: shown in the preview and to approvers. */
    cost: FixCostModel<PlanState, any, any>;
  };
}

/**
 * How a check's fix is priced: the Price List products it needs, the usage it reads
 * from the account beyond the plan's state (kept out of the state, so a table that
 * grows does not make a previewed plan stale), and a pure estimate from both.
 */
export interface FixCostModel<
  PlanState,
  Usage = undefined,
  PriceName extends string = never,
> {
  /** The Price List products by name (read for the account's region); {} when free. */
  prices: Record<PriceName, PriceQuery>;
  /** Usage facts the estimate needs (table sizes, stored bytes, running tasks). */
  usage?(binding: CheckBinding, state: PlanState): Promise<Usage>;
  estimate(input: {
    state: PlanState;
    usage: Usage;
    prices: Prices<PriceName>;
  }): FixCost;
}

/** The cost model of a fix AWS does not bill. */
export function freeFix<S>(why: string): FixCostModel<S> {
  return { prices: {}, estimate: () => noCharge(why) };
}

/** A check with an automated remediation. */
export type RemediableCheck<F, S = F> = PostureCheck<F, S> &
  Required<Pick<PostureCheck<F, S>, 'remediation'>>;
