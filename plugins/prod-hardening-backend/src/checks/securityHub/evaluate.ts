import type { Evaluation } from '../../domain/posture/evaluation';

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
