import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from './evaluation';
import { countBy, worstStatus } from './evaluation';

// Plain fact shapes, so evaluation never depends on the SDK's types.

export interface ElastiCacheFacts {
  groups: Array<{
    id: string;
    arn: string;
    atRestEncryption: boolean;
    transitEncryption: boolean;
    authTokenEnabled: boolean;
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
        : g.authTokenEnabled
        ? 'PASS'
        : 'WARN',
    evidence: `AtRestEncryptionEnabled=${g.atRestEncryption}, TransitEncryptionEnabled=${g.transitEncryption}, AuthTokenEnabled=${g.authTokenEnabled}`,
  }));
  const status = worstStatus(resources.map(r => r.status));
  const failing = countBy(resources, 'FAIL');
  return {
    status,
    summary:
      status === 'PASS'
        ? 'Every Redis replication group is encrypted at rest and in transit, with AUTH.'
        : status === 'WARN'
        ? 'Redis is encrypted but AUTH is off on some replication groups.'
        : `${failing} of ${resources.length} Redis replication groups are not fully encrypted.`,
    resources,
  };
}

export interface RdsForceSslFacts {
  parameterGroup: string;
  /** undefined when the parameter is not set in the group. */
  value?: string;
}

export function evaluateRdsForceSsl(f: RdsForceSslFacts): Evaluation {
  const ok = f.value === '1';
  return {
    status: ok ? 'PASS' : 'FAIL',
    summary: ok
      ? `rds.force_ssl = 1 in ${f.parameterGroup}.`
      : `rds.force_ssl is ${
          f.value === undefined ? 'not set' : `= ${f.value}`
        } in ${f.parameterGroup}: clients may connect without TLS.`,
    resources: [
      {
        resourceId: f.parameterGroup,
        resourceType: 'AwsRdsDbParameterGroup',
        status: ok ? 'PASS' : 'FAIL',
        evidence: `rds.force_ssl=${f.value ?? 'unset'}`,
      },
    ],
  };
}
