import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

export const LOG_RETENTION_MIN_DAYS = 30;
export const LOG_RETENTION_MAX_DAYS = 90;

export interface LogRetentionFacts {
  groups: Array<{ name: string; arn: string; retentionDays?: number }>;
}

export function evaluateLogRetention(f: LogRetentionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.groups.map(g => ({
    resourceId: g.arn,
    resourceType: 'AwsLogsLogGroup',
    status:
      g.retentionDays === undefined || g.retentionDays < LOG_RETENTION_MIN_DAYS
        ? 'FAIL'
        : g.retentionDays > LOG_RETENTION_MAX_DAYS
        ? 'WARN'
        : 'PASS',
    evidence: `retentionInDays=${g.retentionDays ?? 'never expire'}`,
  }));
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `${countBy(resources, 'PASS')} of ${
      f.groups.length
    } log groups keep logs ${LOG_RETENTION_MIN_DAYS}–${LOG_RETENTION_MAX_DAYS} days.`,
    resources,
  };
}
