import type {
  CheckResult,
  PostureScore,
  Severity,
} from '@prod-hardening/plugin-prod-hardening-common';

/** Weights of the severity-weighted score: a critical failure costs ten low ones. */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  CRITICAL: 10,
  HIGH: 5,
  MEDIUM: 2,
  LOW: 1,
  INFORMATIONAL: 0,
};

const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

/**
 * Two scores over the evaluated checks (ERROR = not evaluated, excluded):
 * - Security Hub's method: passed ÷ evaluated, every check counts the same;
 * - severity-weighted: passed weight ÷ evaluated weight.
 * WARN counts as evaluated but not passed in both.
 */
export function computeScore(
  checks: Pick<CheckResult, 'status' | 'severity'>[],
): PostureScore {
  const evaluated = checks.filter(c => c.status !== 'ERROR');
  const passed = evaluated.filter(c => c.status === 'PASS');
  const weight = (list: typeof checks) =>
    list.reduce((sum, c) => sum + SEVERITY_WEIGHTS[c.severity], 0);
  return {
    securityHubPercent: percent(passed.length, evaluated.length),
    severityWeightedPercent: percent(weight(passed), weight(evaluated)),
    passed: passed.length,
    failed: checks.filter(c => c.status === 'FAIL').length,
    warned: checks.filter(c => c.status === 'WARN').length,
    errored: checks.filter(c => c.status === 'ERROR').length,
  };
}
