import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';
import type { TableProtectionFacts } from '../costTables';

export const SEED_TTL_ATTRIBUTE = 'ttl';

export function evaluateDynamoDbTtl(f: TableProtectionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.tables.map(t => {
    const enabled = t.ttlStatus === 'ENABLED' || t.ttlStatus === 'ENABLING';
    const rightAttribute = t.ttlAttribute === SEED_TTL_ATTRIBUTE;
    return {
      resourceId: t.name,
      resourceType: 'AwsDynamoDbTable',
      status: !t.found
        ? 'WARN'
        : enabled && rightAttribute
        ? 'PASS'
        : enabled
        ? 'WARN'
        : 'FAIL',
      evidence: t.found
        ? `TimeToLiveStatus=${t.ttlStatus ?? 'DISABLED'}, AttributeName=${
            t.ttlAttribute ?? 'none'
          }`
        : 'table not found',
    };
  });
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `TTL on "${SEED_TTL_ATTRIBUTE}" is on for ${countBy(
      resources,
      'PASS',
    )} of ${f.tables.length} tables.`,
    resources,
  };
}
