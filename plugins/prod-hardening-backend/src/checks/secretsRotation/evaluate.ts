import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

/** FSBP SecretsManager.4: a secret should be rotated at least every 90 days. */
export const SECRET_ROTATION_MAX_DAYS = 90;
/** A rotation runs within its window, so a secret may be a day older than its interval. */
const ROTATION_GRACE_DAYS = 1;
const DAY_MS = 86_400_000;

export interface SecretRotationFacts {
  /** The evaluation's clock (ISO 8601). */
  now: string;
  secrets: Array<{
    /** The name or ARN as configured. */
    name: string;
    arn?: string;
    found: boolean;
    rotationEnabled: boolean;
    automaticallyAfterDays?: number;
    scheduleExpression?: string;
    lastRotatedAt?: string;
    createdAt?: string;
  }>;
}

/**
 * Days between rotations from the secret's rules: `AutomaticallyAfterDays`, or a
 * `rate(N days|hours)` schedule. A cron schedule has no fixed interval: undefined.
 */
export function rotationIntervalDays(rules: {
  automaticallyAfterDays?: number;
  scheduleExpression?: string;
}): number | undefined {
  if (rules.automaticallyAfterDays) return rules.automaticallyAfterDays;
  const rate = /^rate\((\d+)\s+(day|days|hour|hours)\)$/.exec(
    rules.scheduleExpression?.trim() ?? '',
  );
  if (!rate) return undefined;
  const n = Number(rate[1]);
  return rate[2].startsWith('hour') ? n / 24 : n;
}

export function evaluateSecretsRotation(f: SecretRotationFacts): Evaluation {
  const now = Date.parse(f.now);
  const resources: ResourceEvidence[] = f.secrets.map(s => {
    const resourceId = s.arn ?? s.name;
    const resourceType = 'AwsSecretsManagerSecret';
    if (!s.found) {
      return {
        resourceId,
        resourceType,
        status: 'WARN',
        evidence: 'secret not found',
      };
    }
    if (!s.rotationEnabled) {
      return {
        resourceId,
        resourceType,
        status: 'FAIL',
        evidence: 'RotationEnabled=false',
      };
    }
    const interval = rotationIntervalDays(s);
    const since = s.lastRotatedAt ?? s.createdAt;
    const ageDays =
      since === undefined
        ? undefined
        : Math.floor((now - Date.parse(since)) / DAY_MS);
    const every =
      interval === undefined
        ? s.scheduleExpression ?? 'unknown schedule'
        : `every ${interval} days`;
    const last =
      s.lastRotatedAt === undefined
        ? `never rotated, created ${ageDays ?? '?'} days ago`
        : `last rotated ${ageDays} days ago`;
    const evidence = `RotationEnabled=true, ${every}, ${last}`;
    if (interval !== undefined && interval > SECRET_ROTATION_MAX_DAYS) {
      return {
        resourceId,
        resourceType,
        status: 'WARN',
        evidence: `${evidence} (longer than ${SECRET_ROTATION_MAX_DAYS} days)`,
      };
    }
    const allowed =
      (interval ?? SECRET_ROTATION_MAX_DAYS) + ROTATION_GRACE_DAYS;
    if (ageDays !== undefined && ageDays > allowed) {
      return {
        resourceId,
        resourceType,
        status: 'WARN',
        evidence: `${evidence}: overdue, the rotation function may be failing`,
      };
    }
    return { resourceId, resourceType, status: 'PASS', evidence };
  });
  const off = countBy(resources, 'FAIL');
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: off
      ? `${off} of ${f.secrets.length} secrets have no automatic rotation: a leaked key stays valid until someone notices.`
      : `${countBy(resources, 'PASS')} of ${
          f.secrets.length
        } secrets rotate automatically and on time.`,
    resources,
  };
}
