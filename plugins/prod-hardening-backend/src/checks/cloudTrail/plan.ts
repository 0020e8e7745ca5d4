import type { PlanBody } from '../../domain/remediation/plans';

export interface TrailState {
  trails: Array<{
    name: string;
    arn: string;
    isMultiRegion: boolean;
    logFileValidation: boolean;
    isLogging: boolean;
  }>;
  /** The trail the seed names (config resources.cloudTrailName). */
  trailName: string;
}

export function planCloudTrail(state: TrailState): PlanBody {
  const trail = state.trails.find(
    t => t.name === state.trailName || t.arn.endsWith(`/${state.trailName}`),
  );
  const blockers = trail
    ? []
    : [
        `Trail ${state.trailName} does not exist: create it with the Terraform module (it needs its S3 bucket and policy).`,
      ];
  const calls: PlanBody['calls'] = [];
  if (trail && (!trail.isMultiRegion || !trail.logFileValidation)) {
    calls.push({
      service: 'cloudtrail',
      action: 'UpdateTrail',
      params: {
        Name: trail.name,
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
      },
    });
  }
  if (trail && !trail.isLogging) {
    calls.push({
      service: 'cloudtrail',
      action: 'StartLogging',
      params: { Name: trail.name },
    });
  }
  return {
    title: `Make trail ${state.trailName} log every region with log file validation`,
    calls,
    current: trail
      ? {
          isMultiRegion: trail.isMultiRegion,
          logFileValidation: trail.logFileValidation,
          isLogging: trail.isLogging,
        }
      : { trail: 'missing' },
    expected: { isMultiRegion: true, logFileValidation: true, isLogging: true },
    risk: 'None to workloads. More regions logged means more log objects in the trail bucket.',
    reversible: true,
    reversal:
      'UpdateTrail IsMultiRegionTrail=false / EnableLogFileValidation=false.',
    costNote:
      'The first copy of management events is free; the bucket stores a little more.',
    // A missing trail cannot be fixed in place: refuse rather than override.
    blockers,
    alreadyCompliant: Boolean(trail) && calls.length === 0,
  };
}
