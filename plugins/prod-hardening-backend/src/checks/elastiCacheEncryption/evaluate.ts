import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

export interface ElastiCacheFacts {
  groups: Array<{
    id: string;
    arn: string;
    atRestEncryption: boolean;
    transitEncryption: boolean;
    authTokenEnabled: boolean;
    /**
     * RBAC user groups. A group with RBAC reports AuthTokenEnabled=false (ElastiCache
     * takes a token or user groups, not both), yet every client must authenticate.
     */
    userGroupIds: string[];
  }>;
}

export function evaluateElastiCacheEncryption(f: ElastiCacheFacts): Evaluation {
  if (f.groups.length === 0) {
    return {
      status: 'PASS',
      summary: 'No Redis replication group in this region.',
      resources: [],
    };
  }
  const resources: ResourceEvidence[] = f.groups.map(g => ({
    resourceId: g.arn,
    resourceType: 'AwsElastiCacheReplicationGroup',
    status:
      !g.atRestEncryption || !g.transitEncryption
        ? 'FAIL'
        : g.authTokenEnabled || g.userGroupIds.length > 0
        ? 'PASS'
        : 'WARN',
    evidence: `AtRestEncryptionEnabled=${
      g.atRestEncryption
    }, TransitEncryptionEnabled=${g.transitEncryption}, AuthTokenEnabled=${
      g.authTokenEnabled
    }, UserGroupIds=${g.userGroupIds.join(',') || 'none'}`,
  }));
  const status = worstStatus(resources.map(r => r.status));
  const failing = countBy(resources, 'FAIL');
  return {
    status,
    summary:
      status === 'PASS'
        ? 'Every Redis replication group is encrypted at rest and in transit, with AUTH (a token or RBAC users).'
        : status === 'WARN'
        ? 'Redis is encrypted but some replication groups take clients without AUTH (no token, no RBAC user group).'
        : `${failing} of ${resources.length} Redis replication groups are not fully encrypted.`,
    resources,
  };
}
