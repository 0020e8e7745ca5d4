import type {
  CheckStatus,
  Pillar,
  Severity,
} from '@prod-hardening/plugin-prod-hardening-common';

/** MUI palette colour of a check status chip. */
export function statusColor(
  status: CheckStatus,
): 'success' | 'error' | 'warning' | 'default' {
  switch (status) {
    case 'PASS':
      return 'success';
    case 'FAIL':
      return 'error';
    case 'WARN':
      return 'warning';
    default:
      return 'default';
  }
}

export function severityColor(
  severity: Severity,
): 'error' | 'warning' | 'info' | 'default' {
  switch (severity) {
    case 'CRITICAL':
    case 'HIGH':
      return 'error';
    case 'MEDIUM':
      return 'warning';
    case 'LOW':
      return 'info';
    default:
      return 'default';
  }
}

export const PILLAR_TITLES: Record<Pillar, string> = {
  security: 'Security',
  observability: 'Observability',
  'finops-hygiene': 'FinOps hygiene',
};

const STATUS_ORDER: CheckStatus[] = ['FAIL', 'ERROR', 'WARN', 'PASS'];

/** Checks grouped by pillar, worst status first inside each group. */
export function groupByPillar<
  T extends { pillar: Pillar; status: CheckStatus; title: string },
>(checks: T[]): Array<{ pillar: Pillar; title: string; checks: T[] }> {
  return (Object.keys(PILLAR_TITLES) as Pillar[])
    .map(pillar => ({
      pillar,
      title: PILLAR_TITLES[pillar],
      checks: checks
        .filter(c => c.pillar === pillar)
        .sort(
          (a, b) =>
            STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
            a.title.localeCompare(b.title),
        ),
    }))
    .filter(group => group.checks.length > 0);
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)}%`;
}
