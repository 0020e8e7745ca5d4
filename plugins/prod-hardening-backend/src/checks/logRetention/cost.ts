import {
  estimated,
  formatGb,
  GB,
  noCharge,
  quote,
} from '../../domain/fixCost/fixCost';
import { firstPaidRate } from '../../domain/fixCost/prices';
import type { FixCostModel } from '../PostureCheck';
import { LOG_RETENTION_MIN_DAYS } from './evaluate';
import type { LogGroupsState } from './plan';

const DAY_MS = 86_400_000;

/** What each log group stores now (DescribeLogGroups), and when it was read. */
export interface StoredLogs {
  readAtMs: number;
  groups: Array<{ name: string; storedBytes?: number; createdAtMs?: number }>;
}

/**
 * The bytes a group keeps once it expires events after `days`. A group that kept logs
 * forever is assumed to have received them evenly since it was created; one that kept
 * them `retentionDays` holds that many days of logs.
 */
export function bytesKeptAfter(
  group: { retentionDays?: number },
  stored: { storedBytes?: number; createdAtMs?: number },
  days: number,
  nowMs: number,
): number {
  const bytes = stored.storedBytes ?? 0;
  if (group.retentionDays === undefined) {
    const ageDays = Math.max(
      1,
      (nowMs - (stored.createdAtMs ?? nowMs)) / DAY_MS,
    );
    return Math.min(bytes, (bytes / ageDays) * days);
  }
  return (bytes / group.retentionDays) * days;
}

export function estimateLogRetentionCost({
  state,
  usage,
  prices,
}: Parameters<
  FixCostModel<LogGroupsState, StoredLogs, 'storage'>['estimate']
>[0]) {
  const days = LOG_RETENTION_MIN_DAYS;
  const changed = state.groups.filter(
    g => g.retentionDays === undefined || g.retentionDays < days,
  );
  if (changed.length === 0) return noCharge('no log group changes.');
  const stored = new Map<string, StoredLogs['groups'][number]>(
    usage.groups.map(g => [g.name, g]),
  );
  const forever = { before: 0, after: 0, groups: 0 };
  const short = { before: 0, after: 0, groups: 0 };
  for (const group of changed) {
    const s = stored.get(group.name) ?? { name: group.name };
    const bucket = group.retentionDays === undefined ? forever : short;
    bucket.groups += 1;
    bucket.before += s.storedBytes ?? 0;
    bucket.after += bytesKeptAfter(group, s, days, usage.readAtMs);
  }
  const deltaBytes =
    forever.after - forever.before + (short.after - short.before);
  const rate = firstPaidRate(prices.storage);
  const monthlyUsd = (deltaBytes / GB) * rate;
  const assumptions = [
    monthlyUsd < 0
      ? 'Lowers storage cost: groups that kept logs forever drop what is older than 30 days.'
      : 'Raises storage cost: groups that kept logs less than 30 days keep more.',
  ];
  if (forever.groups > 0) {
    assumptions.push(
      `${forever.groups} groups kept logs forever: ${formatGb(
        forever.before,
      )} stored now, about ${formatGb(
        forever.after,
      )} after (assuming logs arrived evenly since each group was created).`,
    );
  }
  if (short.groups > 0) {
    assumptions.push(
      `${short.groups} groups kept logs less than ${days} days: ${formatGb(
        short.before,
      )} stored now, about ${formatGb(short.after)} after.`,
    );
  }
  assumptions.push(
    `Stored bytes from DescribeLogGroups, priced at ${quote(
      prices.storage,
      rate,
    )}; ingestion does not change.`,
  );
  return estimated(monthlyUsd, assumptions);
}

/** Retention changes what CloudWatch Logs stores, billed per GB-month. */
export const logRetentionCost: FixCostModel<
  LogGroupsState,
  StoredLogs,
  'storage'
> = {
  prices: {
    storage: {
      serviceCode: 'AmazonCloudWatch',
      filters: { productFamily: 'Storage Snapshot' },
      usagetype: 'TimedStorage-ByteHrs',
    },
  },
  usage: async ({ sources }) => ({
    readAtMs: Date.now(),
    groups: await sources.cloudWatchLogs.describeLogGroups(),
  }),
  estimate: estimateLogRetentionCost,
};
