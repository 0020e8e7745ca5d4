import { CHECK_MODULES, PostureCheck } from '../../checks';
import type { ProdHardeningConfig } from '../../config';
import type { CheckMeta } from '../../domain/posture/checkMeta';
import type { Evaluation } from '../../domain/posture/evaluation';
import type { EvaluationContext } from './evaluationContext';
import type { PostureSources } from './sources';

/** A check bound to its data: gather facts through the sources, then evaluate them. */
export interface CheckRunner {
  meta: CheckMeta;
  run(context: EvaluationContext): Promise<Evaluation>;
}

/**
 * The posture checks wired to the account, one runner per check module (src/checks).
 * Gathering is the only I/O; evaluation is the check's pure function, so every rule
 * is unit-tested on plain facts.
 */
export function buildCheckRunners(
  sources: PostureSources,
  config: ProdHardeningConfig,
): CheckRunner[] {
  return CHECK_MODULES.map((check: PostureCheck<any, any>) =>
    runnerOf(check, sources, config),
  );
}

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
