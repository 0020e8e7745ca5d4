import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';

export interface CloudTrailFacts {
  trails: Array<{
    name: string;
    arn: string;
    isMultiRegion: boolean;
    logFileValidation: boolean;
    cloudWatchLogsGroupArn?: string;
    isLogging: boolean;
  }>;
}

export function evaluateCloudTrail(f: CloudTrailFacts): Evaluation {
  if (f.trails.length === 0) {
    return {
      status: 'FAIL',
      summary: 'No CloudTrail trail exists: API calls are not recorded.',
      resources: [
        {
          resourceId: 'cloudtrail',
          resourceType: 'AwsCloudTrailTrail',
          status: 'FAIL',
          evidence: 'no trail',
        },
      ],
    };
  }
  const resources: ResourceEvidence[] = f.trails.map(t => {
    const complete = t.isLogging && t.isMultiRegion && t.logFileValidation;
    return {
      resourceId: t.arn || t.name,
      resourceType: 'AwsCloudTrailTrail',
      status: complete ? (t.cloudWatchLogsGroupArn ? 'PASS' : 'WARN') : 'FAIL',
      evidence: `IsLogging=${t.isLogging}, IsMultiRegionTrail=${
        t.isMultiRegion
      }, LogFileValidationEnabled=${t.logFileValidation}, CloudWatchLogs=${
        t.cloudWatchLogsGroupArn ? 'yes' : 'no'
      }`,
    };
  });
  // One good trail is enough for the account; the rest are reported as evidence.
  if (resources.some(r => r.status === 'PASS')) {
    return {
      status: 'PASS',
      summary:
        'A logging multi-region trail with validation and CloudWatch Logs exists.',
      resources,
    };
  }
  if (resources.some(r => r.status === 'WARN')) {
    return {
      status: 'WARN',
      summary:
        'A multi-region trail with validation logs, but not to CloudWatch Logs (no real-time analysis).',
      resources,
    };
  }
  return {
    status: 'FAIL',
    summary: 'No trail is logging in every region with log file validation.',
    resources,
  };
}
