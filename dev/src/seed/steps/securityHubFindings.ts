import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { elastiCacheReplicationGroupArn, iamRoleArn } from '../arns';
import { buildControlFinding, buildThreatFinding } from './findings/asff';
import { controlEvaluations } from './findings/controls';
import { seededRandom } from './findings/random';
import { asffThreatType, ThreatEvent, threatEvents } from './findings/threats';
import type { FindingsInput } from './findings/types';
import { storyTaskRoles } from './ecsServices';

export { stableFindingUuid } from './findings/asff';
export type { FindingsInput } from './findings/types';

/** The fixed seed of the demo findings: every run imports the same story. */
export const FINDINGS_SEED = 20251028;
/** GuardDuty findings besides the planted ones: with the controls, a few hundred. */
export const GUARDDUTY_FINDING_COUNT = 160;

/**
 * The threats the story tells about by name (the on-call runbook and the end-to-end
 * tests look for them); the generated ones come on top.
 */
function plantedThreats(input: FindingsInput): ThreatEvent[] {
  const workersRole = storyTaskRoles(1).taskRole;
  const threat = (
    e: Omit<ThreatEvent, 'asffType' | 'count' | 'workflow'> & {
      tactic: string;
    },
  ): ThreatEvent => {
    const { tactic, ...rest } = e;
    return {
      ...rest,
      asffType: asffThreatType(e.findingType, tactic),
      count: 1,
      workflow: 'NEW',
    };
  };
  return [
    threat({
      findingType:
        'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      tactic: 'Initial Access',
      title:
        'Credentials for the EC2 instance role used from an external IP address',
      description: `Task role credentials of the workers cluster were used from 203.0.113.24, an address outside AWS.`,
      severity: 'HIGH',
      score: 8,
      resourceType: 'AwsIamAccessKey',
      resourceId: iamRoleArn(input, workersRole),
      remoteIp: '203.0.113.24',
      firstSeenDaysAgo: 8,
      lastSeenDaysAgo: 7,
    }),
    threat({
      findingType: 'Recon:IAMUser/MaliciousIPCaller',
      tactic: 'Discovery',
      title: 'API ListBuckets was invoked from a known malicious IP address',
      description:
        'An API commonly used for reconnaissance was called from 198.51.100.7, listed on a threat intelligence feed.',
      severity: 'MEDIUM',
      score: 5,
      resourceType: 'AwsIamAccessKey',
      resourceId: `arn:aws:iam::${input.accountId}:user/ci-deployer`,
      remoteIp: '198.51.100.7',
      firstSeenDaysAgo: 10,
      lastSeenDaysAgo: 9,
    }),
    threat({
      findingType: 'Recon:EC2/PortProbeUnprotectedPort',
      tactic: 'Discovery',
      title: 'Unprotected port on the Redis host is being probed',
      description: 'Port 6379 is reachable and being probed by 192.0.2.15.',
      severity: 'MEDIUM',
      score: 5,
      resourceType: 'AwsElastiCacheReplicationGroup',
      resourceId: elastiCacheReplicationGroupArn(
        input,
        input.resources.redisReplicationGroupId,
      ),
      remoteIp: '192.0.2.15',
      firstSeenDaysAgo: 11,
      lastSeenDaysAgo: 10,
    }),
  ];
}

/**
 * All findings of the story, timestamps relative to `now`. Pure and deterministic:
 * FSBP control results on every seeded resource (the ones behind posture checks as
 * the seed leaves them, the rest drawn from the fixed seed) and GuardDuty threats from
 * the 90 days before GuardDuty was switched off.
 */
export function buildStoryFindings(
  input: FindingsInput,
  options: { seed?: number; guardDutyFindings?: number } = {},
): AwsSecurityFinding[] {
  const random = seededRandom(options.seed ?? FINDINGS_SEED);
  const controls = controlEvaluations(input, random);
  const planted = plantedThreats(input);
  const generated = threatEvents(
    input,
    random,
    options.guardDutyFindings ?? GUARDDUTY_FINDING_COUNT,
  );
  const findings = [
    ...controls.map(c => buildControlFinding(input, c)),
    ...[...planted, ...generated].map(t => buildThreatFinding(input, t)),
  ];
  // A generated threat may repeat a planted one (same type, resource and address).
  const ids = new Set<string>();
  return findings.filter(f => !ids.has(f.Id!) && ids.add(f.Id!));
}
