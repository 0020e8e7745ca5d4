import type { Evaluation } from '../../domain/posture/evaluation';

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
