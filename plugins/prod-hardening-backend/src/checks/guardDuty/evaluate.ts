import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';

/** The account's detectors in the region: what the check and the plan are made from. */
export interface GuardDutyFacts {
  region: string;
  detectors: Array<{ detectorId: string; status: string }>;
}

export function evaluateGuardDuty(f: GuardDutyFacts): Evaluation {
  if (f.detectors.length === 0) {
    return {
      status: 'FAIL',
      summary: `GuardDuty has no detector in ${f.region}: threats go undetected.`,
      resources: [
        {
          resourceId: `guardduty/${f.region}`,
          resourceType: 'AwsGuardDutyDetector',
          status: 'FAIL',
          evidence: 'no detector',
        },
      ],
    };
  }
  const resources: ResourceEvidence[] = f.detectors.map(d => ({
    resourceId: d.detectorId,
    resourceType: 'AwsGuardDutyDetector',
    status: d.status === 'ENABLED' ? 'PASS' : 'FAIL',
    evidence: `Status=${d.status}`,
  }));
  const enabled = resources.some(r => r.status === 'PASS');
  return {
    status: enabled ? 'PASS' : 'FAIL',
    summary: enabled
      ? `GuardDuty is enabled in ${f.region}.`
      : `GuardDuty detectors in ${f.region} are disabled.`,
    resources,
  };
}
