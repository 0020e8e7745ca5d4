import type {
  CheckResult,
  PostureReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
import { computeScore } from '../../domain/posture/score';
import type { CheckRunner } from './checkRunners';
import {
  createEvaluationContext,
  EvaluationContext,
} from './evaluationContext';

export interface PostureCheckEngineOptions {
  runners: CheckRunner[];
  accountId: string;
  region: string;
  endpoint?: string;
  /** Checks whose remediation the portal can execute. */
  autoRemediable?: ReadonlySet<string>;
  now?: () => Date;
}

/**
 * Runs every posture check against the account. A check that cannot read its data
 * (access denied, API missing, timeout) is reported as ERROR with the reason; the
 * others still run. Used by the API and by the security-runbook CLI.
 */
export class PostureCheckEngine {
  private readonly now: () => Date;

  constructor(private readonly options: PostureCheckEngineOptions) {
    this.now = options.now ?? (() => new Date());
  }

  checkIds(): string[] {
    return this.options.runners.map(r => r.meta.id);
  }

  async evaluate(onlyIds?: string[]): Promise<PostureReport> {
    const runners = onlyIds
      ? this.options.runners.filter(r => onlyIds.includes(r.meta.id))
      : this.options.runners;
    const context = createEvaluationContext(this.now());
    const checks = await Promise.all(
      runners.map(runner => this.runOne(runner, context)),
    );
    return {
      accountId: this.options.accountId,
      region: this.options.region,
      evaluatedAt: this.now().toISOString(),
      score: computeScore(checks),
      checks,
    };
  }

  private async runOne(
    runner: CheckRunner,
    context: EvaluationContext,
  ): Promise<CheckResult> {
    const evaluatedAt = this.now().toISOString();
    try {
      const evaluation = await runner.run(context);
      return {
        ...runner.meta,
        ...evaluation,
        canAutoRemediate: this.canAutoRemediate(runner),
        evaluatedAt,
      };
    } catch (err) {
      return {
        ...runner.meta,
        status: 'ERROR',
        summary: `Could not evaluate: ${describeAwsError(
          err,
          this.options.endpoint,
        )}`,
        resources: [],
        canAutoRemediate: this.canAutoRemediate(runner),
        evaluatedAt,
      };
    }
  }

  private canAutoRemediate(runner: CheckRunner) {
    return this.options.autoRemediable?.has(runner.meta.id) ?? false;
  }
}
