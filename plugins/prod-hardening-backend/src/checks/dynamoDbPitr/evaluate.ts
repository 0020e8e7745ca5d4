import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';
import type { TableProtectionFacts } from '../costTables';

export function evaluateDynamoDbPitr(f: TableProtectionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.tables.map(t => ({
    resourceId: t.name,
    resourceType: 'AwsDynamoDbTable',
    status: !t.found ? 'WARN' : t.pointInTimeRecovery ? 'PASS' : 'FAIL',
    evidence: t.found
      ? `PointInTimeRecovery=${t.pointInTimeRecovery ? 'ENABLED' : 'DISABLED'}`
      : 'table not found',
  }));
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `Point-in-time recovery is on for ${countBy(
      resources,
      'PASS',
    )} of ${f.tables.length} tables.`,
    resources,
  };
}

/** The seed keeps expiry in an attribute named "ttl" on both cost tables. */
