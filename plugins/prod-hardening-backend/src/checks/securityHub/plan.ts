import { partitionOf } from '../../aws/partition';
import type { RemediationAction } from '../../domain/remediation/actions';
import type { PlanBody } from '../../domain/remediation/plans';
import { FSBP_STANDARD_MARKER, type SecurityHubFacts } from './evaluate';

/** The state the plan is made from: what the Security Hub check reads. */
export type SecurityHubState = SecurityHubFacts;

/** FSBP v1.0.0, the standard the seed (and the Terraform module) subscribes to. */
export function fsbpStandardArn(region: string): string {
  return `arn:${partitionOf(
    region,
  )}:securityhub:${region}::${FSBP_STANDARD_MARKER}v/1.0.0`;
}

/**
 * The hub is enabled without the default standards (CIS would add checks and cost
 * nobody asked for) and with consolidated control findings, as in security_hub.tf;
 * then FSBP is subscribed. When the standards could not be read, subscribing is still
 * planned: on AWS it is idempotent, and the remediation role may read what the read
 * role could not.
 */
export function planEnableSecurityHub(state: SecurityHubState): PlanBody {
  const fsbpArn = fsbpStandardArn(state.region);
  const standards = state.enabledStandardsArns;
  const fsbpOn =
    standards?.some(arn => arn.includes(FSBP_STANDARD_MARKER)) ?? false;
  const calls: RemediationAction[] = [];
  if (!state.hubEnabled) {
    calls.push({
      service: 'securityhub',
      action: 'EnableSecurityHub',
      params: {
        EnableDefaultStandards: false,
        ControlFindingGenerator: 'SECURITY_CONTROL',
      },
    });
  }
  if (!fsbpOn) {
    calls.push({
      service: 'securityhub',
      action: 'BatchEnableStandards',
      params: { StandardsSubscriptionRequests: [{ StandardsArn: fsbpArn }] },
    });
  }
  return {
    title: `Enable Security Hub with the FSBP standard in ${state.region}`,
    calls,
    current: {
      hub: state.hubEnabled ? 'enabled' : 'not enabled',
      standards:
        standards ??
        `unknown: ${state.standardsError ?? 'the standards could not be read'}`,
    },
    expected: {
      hub: 'enabled',
      standards: [...new Set([...(standards ?? []), fsbpArn])],
    },
    risk: 'None to workloads: Security Hub only reads configuration. FSBP controls start producing findings within hours (most of them need AWS Config recording).',
    reversible: true,
    reversal:
      'BatchDisableStandards with the FSBP subscription ARN; DisableSecurityHub turns the hub off and drops its findings.',
    costNote:
      'Security Hub bills per control check and per finding ingested, after a 30-day free trial.',
    blockers: [],
    alreadyCompliant: state.hubEnabled && fsbpOn,
  };
}
