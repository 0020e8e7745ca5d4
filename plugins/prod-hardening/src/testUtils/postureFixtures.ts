import type {
  FindingsPage,
  PostureReport,
} from '@prod-hardening/plugin-prod-hardening-common';

/** A posture report with one failing, remediable check and one passing check. */
export const report: PostureReport = {
  accountId: '123456789012',
  region: 'us-east-1',
  evaluatedAt: '2026-11-28T00:00:00.000Z',
  score: {
    securityHubPercent: 50,
    severityWeightedPercent: 16.7,
    passed: 1,
    failed: 1,
    warned: 0,
    errored: 1,
  },
  checks: [
    {
      id: 's3-account-public-access-block',
      title: 'S3 Block Public Access is on for the whole account',
      pillar: 'security',
      control: 'S3.1',
      severity: 'CRITICAL',
      status: 'FAIL',
      summary: 'The account has no S3 Block Public Access configuration.',
      resources: [
        {
          resourceId: 'acct',
          resourceType: 'AwsAccount',
          status: 'FAIL',
          evidence: 'no PublicAccessBlockConfiguration',
        },
      ],
      remediation: { kind: 'automated', why: 'One setting.' },
      canAutoRemediate: true,
      evaluatedAt: '2026-11-28T00:00:00.000Z',
    },
    {
      id: 'ecs-container-insights',
      title: 'Container Insights is on for the production ECS clusters',
      pillar: 'observability',
      control: 'ECS.12',
      severity: 'MEDIUM',
      status: 'PASS',
      summary: 'Container Insights is on for 3 of 3 clusters.',
      resources: [],
      remediation: { kind: 'automated', why: 'A cluster setting.' },
      canAutoRemediate: false,
      evaluatedAt: '2026-11-28T00:00:00.000Z',
    },
  ],
};

export const page = (over: Partial<FindingsPage> = {}): FindingsPage => ({
  items: [
    {
      id: 'f1',
      title: 'EC2 instance is querying a domain associated with Bitcoin',
      severity: 'HIGH',
      product: 'GuardDuty',
      workflowStatus: 'NEW',
      resourceType: 'AwsEc2Instance',
      resourceId: 'i-0abc',
      region: 'us-east-1',
      accountId: '123456789012',
      firstSeen: '2026-11-20T00:00:00Z',
      lastSeen: '2026-11-27T00:00:00Z',
    },
  ],
  total: 1,
  bySeverity: { CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 },
  ...over,
});
