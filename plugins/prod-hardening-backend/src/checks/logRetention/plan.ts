import type { PlanBody } from '../../domain/remediation/plans';

export interface LogGroupsState {
  groups: Array<{ name: string; retentionDays?: number }>;
}

/** Raise-only: groups below 30 days (or never expiring) go to 30; longer ones are kept. */
export function planLogRetention(
  state: LogGroupsState,
  minimumDays = 30,
): PlanBody {
  const short = state.groups.filter(
    g => g.retentionDays === undefined || g.retentionDays < minimumDays,
  );
  return {
    title: `Expire logs after ${minimumDays} days where they are kept shorter or forever`,
    calls: short.map(g => ({
      service: 'logs',
      action: 'PutRetentionPolicy',
      params: { logGroupName: g.name, retentionInDays: minimumDays },
    })),
    current: Object.fromEntries(
      state.groups.map(g => [g.name, g.retentionDays ?? 'never expire']),
    ),
    expected: Object.fromEntries(
      state.groups.map(g => [
        g.name,
        g.retentionDays !== undefined && g.retentionDays >= minimumDays
          ? g.retentionDays
          : minimumDays,
      ]),
    ),
    risk: 'Groups that kept logs forever start deleting events older than the new retention.',
    reversible: true,
    reversal:
      'PutRetentionPolicy with a longer value, or DeleteRetentionPolicy to keep logs forever.',
    costNote:
      'Lowers storage cost for groups that kept logs forever; raises it slightly for short ones.',
    blockers: [],
    alreadyCompliant: short.length === 0,
  };
}
