import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from './evaluation';
import { countBy, worstStatus } from './evaluation';

// Plain fact shapes, so evaluation never depends on the SDK's types.

export const FSBP_STANDARD_MARKER =
  'standards/aws-foundational-security-best-practices/';

export interface SecurityHubFacts {
  region: string;
  hubEnabled: boolean;
  hubArn?: string;
  /** undefined when the standards API could not be read (see standardsError). */
  enabledStandardsArns?: string[];
  standardsError?: string;
}

export function evaluateSecurityHub(f: SecurityHubFacts): Evaluation {
  const hubId = f.hubArn ?? `securityhub/${f.region}`;
  if (!f.hubEnabled) {
    return {
      status: 'FAIL',
      summary: `Security Hub is not enabled in ${f.region}.`,
      resources: [
        {
          resourceId: hubId,
          resourceType: 'AwsSecurityHubHub',
          status: 'FAIL',
          evidence: 'hub not enabled',
        },
      ],
    };
  }
  if (!f.enabledStandardsArns) {
    return {
      status: 'ERROR',
      summary: `Security Hub is enabled, but its standards could not be read: ${
        f.standardsError ?? 'unknown error'
      }.`,
      resources: [
        {
          resourceId: hubId,
          resourceType: 'AwsSecurityHubHub',
          status: 'ERROR',
          evidence: 'hub enabled; standards unknown',
        },
      ],
    };
  }
  const fsbp = f.enabledStandardsArns.some(arn =>
    arn.includes(FSBP_STANDARD_MARKER),
  );
  return {
    status: fsbp ? 'PASS' : 'FAIL',
    summary: fsbp
      ? 'Security Hub is enabled with the FSBP standard.'
      : 'Security Hub is enabled but the FSBP standard is not subscribed.',
    resources: [
      {
        resourceId: hubId,
        resourceType: 'AwsSecurityHubHub',
        status: fsbp ? 'PASS' : 'FAIL',
        evidence: `standards: ${
          f.enabledStandardsArns.length
            ? f.enabledStandardsArns.join(', ')
            : 'none'
        }`,
      },
    ],
  };
}

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
