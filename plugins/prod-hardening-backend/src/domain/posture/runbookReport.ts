import type {
  CheckResult,
  PostureReport,
} from '@prod-hardening/plugin-prod-hardening-common';

/**
 * The seed's runbook exit codes: 0 all checks passed, 1 a critical or high check
 * fails, 2 warnings only (a lower-severity failure, a WARN, or a check that could
 * not be evaluated — an unknown is not a pass).
 */
export function runbookExitCode(
  checks: Pick<CheckResult, 'status' | 'severity'>[],
): 0 | 1 | 2 {
  if (
    checks.some(
      c =>
        c.status === 'FAIL' &&
        (c.severity === 'CRITICAL' || c.severity === 'HIGH'),
    )
  ) {
    return 1;
  }
  return checks.some(c => c.status !== 'PASS') ? 2 : 0;
}

/** Wide enough for the longest FSBP control id the checks use (SecretsManager.1). */
const CONTROL_WIDTH = 16;

const pad = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/** A fixed-width table for people reading a terminal. */
export function renderRunbookTable(report: PostureReport): string {
  const lines = [
    `Account ${report.accountId} (${report.region}) — ${report.evaluatedAt}`,
    '',
    `${pad('STATUS', 7)} ${pad('SEVERITY', 9)} ${pad(
      'CONTROL',
      CONTROL_WIDTH,
    )} ${pad('CHECK', 32)} SUMMARY`,
  ];
  const order = ['FAIL', 'ERROR', 'WARN', 'PASS'];
  const sorted = [...report.checks].sort(
    (a, b) => order.indexOf(a.status) - order.indexOf(b.status),
  );
  for (const c of sorted) {
    lines.push(
      `${pad(c.status, 7)} ${pad(c.severity, 9)} ${pad(
        c.control,
        CONTROL_WIDTH,
      )} ${pad(c.id, 32)} ${c.summary}`,
    );
  }
  const s = report.score;
  lines.push(
    '',
    `${s.passed} passed, ${s.failed} failed, ${s.warned} warnings, ${s.errored} not evaluated` +
      ` — Security Hub score ${
        s.securityHubPercent ?? '—'
      }%, severity-weighted ${s.severityWeightedPercent ?? '—'}%`,
  );
  return lines.join('\n');
}
