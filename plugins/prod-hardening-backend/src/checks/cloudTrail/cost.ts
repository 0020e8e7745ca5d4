import {
  MANAGEMENT_EVENTS_PER_MONTH,
  OTHER_REGION_EVENTS_PER_MONTH,
} from '../../domain/fixCost/assumptions';
import {
  estimated,
  formatCount,
  GB,
  noCharge,
  quote,
} from '../../domain/fixCost/fixCost';
import { firstPaidRate, tieredCost } from '../../domain/fixCost/prices';
import type { FixCostModel } from '../PostureCheck';
import type { TrailState } from './plan';

/** One event in CloudTrail's gzip-compressed log files in S3. */
export const STORED_BYTES_PER_EVENT = 200;

type TrailPrices = 'paidEvents' | 'storage';

export function estimateCloudTrailCost({
  state,
  prices,
}: Parameters<
  FixCostModel<TrailState, undefined, TrailPrices>['estimate']
>[0]) {
  const trail = state.trails.find(
    t => t.name === state.trailName || t.arn.endsWith(`/${state.trailName}`),
  );
  if (!trail) return noCharge('the trail does not exist, nothing changes.');
  const addedEvents =
    (trail.isMultiRegion ? 0 : OTHER_REGION_EVENTS_PER_MONTH) +
    (trail.isLogging ? 0 : MANAGEMENT_EVENTS_PER_MONTH);
  if (addedEvents === 0) {
    return noCharge('log file validation only adds hourly digest files.');
  }
  // A logging trail already records the first (free) copy of management events.
  const anotherCopy = state.trails.some(t => t !== trail && t.isLogging);
  const events = anotherCopy
    ? tieredCost(addedEvents, prices.paidEvents.tiers)
    : 0;
  const storedGb = (addedEvents * STORED_BYTES_PER_EVENT) / GB;
  const storage = tieredCost(storedGb, prices.storage.tiers);
  return estimated(events + storage, [
    `Assumes ${formatCount(addedEvents)} more management events a month (${[
      trail.isMultiRegion
        ? undefined
        : `${formatCount(
            OTHER_REGION_EVENTS_PER_MONTH,
          )} from the other regions`,
      trail.isLogging
        ? undefined
        : `${formatCount(MANAGEMENT_EVENTS_PER_MONTH)} in this region`,
    ]
      .filter(Boolean)
      .join(', ')}).`,
    anotherCopy
      ? `Another trail already logs, so this trail's copy is billed at ${quote(
          prices.paidEvents,
          firstPaidRate(prices.paidEvents),
        )}.`
      : 'The first copy of management events is free.',
    `Their log files take about ${STORED_BYTES_PER_EVENT} bytes per event in S3 Standard at ${quote(
      prices.storage,
      firstPaidRate(prices.storage),
    )}, a month's worth (more each month unless a lifecycle rule expires them).`,
    'The plan turns on no data events.',
  ]);
}

/** A trail bills extra copies of management events, and S3 stores its log files. */
export const cloudTrailCost: FixCostModel<TrailState, undefined, TrailPrices> =
  {
    prices: {
      paidEvents: {
        serviceCode: 'AWSCloudTrail',
        filters: {},
        usagetype: 'PaidEventsRecorded',
      },
      storage: {
        serviceCode: 'AmazonS3',
        filters: {
          productFamily: 'Storage',
          storageClass: 'General Purpose',
          volumeType: 'Standard',
        },
        usagetype: 'TimedStorage-ByteHrs',
      },
    },
    estimate: estimateCloudTrailCost,
  };
