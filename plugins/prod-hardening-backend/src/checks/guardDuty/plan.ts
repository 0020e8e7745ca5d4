import type { RemediationAction } from '../../domain/remediation/actions';
import type { PlanBody } from '../../domain/remediation/plans';
import type { GuardDutyFacts } from './evaluate';

/** Seed: findings every 15 minutes reach Security Hub and SNS quickly enough for on-call. */
export const GUARDDUTY_PUBLISHING_FREQUENCY = 'FIFTEEN_MINUTES';

export function planEnableGuardDuty(state: GuardDutyFacts): PlanBody {
  const disabled = state.detectors.filter(d => d.status !== 'ENABLED');
  const alreadyCompliant = state.detectors.some(d => d.status === 'ENABLED');
  const calls: RemediationAction[] = alreadyCompliant
    ? []
    : state.detectors.length === 0
    ? [
        {
          service: 'guardduty',
          action: 'CreateDetector',
          params: {
            Enable: true,
            FindingPublishingFrequency: GUARDDUTY_PUBLISHING_FREQUENCY,
          },
        },
      ]
    : disabled.map(
        (d): RemediationAction => ({
          service: 'guardduty',
          action: 'UpdateDetector',
          params: { DetectorId: d.detectorId, Enable: true },
        }),
      );
  return {
    title: `Enable GuardDuty in ${state.region}`,
    calls,
    current: {
      detectors: state.detectors.map(d => `${d.detectorId}: ${d.status}`),
    },
    expected: {
      detector: 'ENABLED',
      findingPublishingFrequency: GUARDDUTY_PUBLISHING_FREQUENCY,
    },
    risk: 'None to workloads: GuardDuty reads logs the account already produces.',
    reversible: true,
    reversal:
      'Suspend the detector (UpdateDetector Enable=false) or delete it.',
    costNote:
      'GuardDuty is billed by analysed events and logs volume (30-day free trial on a new account).',
    blockers: [],
    alreadyCompliant,
  };
}
