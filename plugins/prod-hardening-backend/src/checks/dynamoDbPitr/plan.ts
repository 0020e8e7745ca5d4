import type { PlanBody } from '../../domain/remediation/plans';

export interface TablesState {
  tables: Array<{ name: string; found: boolean; pointInTimeRecovery: boolean }>;
}

export function planPointInTimeRecovery(state: TablesState): PlanBody {
  const off = state.tables.filter(t => t.found && !t.pointInTimeRecovery);
  return {
    title: 'Turn on point-in-time recovery for the cost tables',
    calls: off.map(t => ({
      service: 'dynamodb',
      action: 'UpdateContinuousBackups',
      params: {
        TableName: t.name,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
    })),
    current: Object.fromEntries(
      state.tables.map(t => [
        t.name,
        t.found ? (t.pointInTimeRecovery ? 'ENABLED' : 'DISABLED') : 'missing',
      ]),
    ),
    expected: Object.fromEntries(
      state.tables.filter(t => t.found).map(t => [t.name, 'ENABLED']),
    ),
    risk: 'None to traffic.',
    reversible: true,
    reversal:
      'UpdateContinuousBackups with PointInTimeRecoveryEnabled=false (drops the 35-day restore window).',
    costNote:
      'Billed per GB of table size per month; the cost tables are small.',
    blockers: [],
    alreadyCompliant: off.length === 0,
  };
}
