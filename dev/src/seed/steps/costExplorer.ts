import { emptyReport, SeedStep } from '../context';

const DAY_MS = 86_400_000;

/** Days of Cost Explorer history the story holds (what the portal reads). */
export const COST_EXPLORER_DAYS = 90;

/**
 * The account's AWS services and what each costs on an average day, in USD: about
 * $24.60 a day, the design's ~$750 a month. `weekly` services follow the traffic (lower
 * at weekends); the others are provisioned capacity and cost the same every day.
 */
export const STORY_SERVICES = [
  { service: 'Amazon Elastic Container Service', usd: 8.2, weekly: true },
  { service: 'Amazon Relational Database Service', usd: 5.4, weekly: false },
  { service: 'EC2 - Other', usd: 3.1, weekly: true },
  { service: 'Amazon ElastiCache', usd: 2.9, weekly: false },
  { service: 'Amazon DynamoDB', usd: 1.6, weekly: true },
  { service: 'AmazonCloudWatch', usd: 1.3, weekly: true },
  { service: 'Amazon Simple Storage Service', usd: 1.1, weekly: false },
  { service: 'AWS Lambda', usd: 0.6, weekly: true },
  { service: 'Amazon Simple Queue Service', usd: 0.4, weekly: true },
] as const;

/** Traffic by UTC weekday (Sunday = 0); averages 1 over a week. */
export const SERVICE_WEEKLY_PATTERN = [
  0.82, 1.06, 1.08, 1.08, 1.06, 1.04, 0.86,
] as const;

/** The one clear anomaly: a log-ingestion runaway in CloudWatch, inside the last week. */
export const COST_SPIKE = {
  daysAgo: 3,
  service: 'AmazonCloudWatch',
  extraUsd: 38,
};

/**
 * The story's hardening changes (S3/DynamoDB gateway endpoints, TTL on the cost tables)
 * went live this many days ago; the portal is told that day as
 * prodHardening.finops.savingsChangeDay, and the 30 days before it are the baseline.
 */
export const SAVINGS_CHANGE_DAYS_AGO = 30;

/**
 * Two services broken down by usage type, before and after the change. NAT Gateway
 * data processing falls once S3 and DynamoDB traffic takes the gateway endpoints
 * (NAT cost −25 %, the seed's 20 % goal met); DynamoDB storage falls only 22 % because
 * TTL is not yet on every table (the 30 % goal not met). Each breakdown sums to the
 * service's figure in STORY_SERVICES before the change.
 */
export const STORY_USAGE_TYPES: Record<
  string,
  ReadonlyArray<{
    usageType: string;
    usd: number;
    afterUsd?: number;
    weekly: boolean;
  }>
> = {
  'EC2 - Other': [
    { usageType: 'USE1-NatGateway-Hours', usd: 1.08, weekly: false },
    {
      usageType: 'USE1-NatGateway-Bytes',
      usd: 1.25,
      afterUsd: 0.66,
      weekly: true,
    },
    { usageType: 'USE1-EBS:VolumeUsage.gp3', usd: 0.77, weekly: false },
  ],
  'Amazon DynamoDB': [
    {
      usageType: 'USE1-TimedStorage-ByteHrs',
      usd: 0.5,
      afterUsd: 0.39,
      weekly: false,
    },
    { usageType: 'USE1-ReadRequestUnits', usd: 0.45, weekly: true },
    { usageType: 'USE1-WriteRequestUnits', usd: 0.65, weekly: true },
  ],
};

/** ±4 % day-to-day noise, deterministic per day and service. */
const NOISE = 0.04;

function noise(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) / 4_294_967_296) * 2 - 1;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfDay = (now: Date) =>
  Date.parse(`${isoDay(now.getTime())}T00:00:00Z`);

/** The day the story's savings changes went live (YYYY-MM-DD). */
export function storySavingsChangeDay(now: Date): string {
  return isoDay(startOfDay(now) - SAVINGS_CHANGE_DAYS_AGO * DAY_MS);
}

export interface StoryServiceCost {
  day: string;
  service: string;
  /** USD with two decimals, as queued. */
  amount: string;
}

export interface StoryUsageTypeCost extends StoryServiceCost {
  usageType: string;
}

/** The story's days, oldest first: the COST_EXPLORER_DAYS complete days before `now`. */
function storyDays(
  now: Date,
): Array<{ day: string; back: number; traffic: number }> {
  const days = [];
  for (let back = COST_EXPLORER_DAYS; back >= 1; back--) {
    const dayMs = startOfDay(now) - back * DAY_MS;
    days.push({
      day: isoDay(dayMs),
      back,
      traffic: SERVICE_WEEKLY_PATTERN[new Date(dayMs).getUTCDay()],
    });
  }
  return days;
}

/** Daily cost by service × usage type for the services in STORY_USAGE_TYPES. */
export function storyUsageTypeCosts(now: Date): StoryUsageTypeCost[] {
  const rows: StoryUsageTypeCost[] = [];
  for (const { day, back, traffic } of storyDays(now)) {
    const after = back <= SAVINGS_CHANGE_DAYS_AGO;
    for (const [service, usageTypes] of Object.entries(STORY_USAGE_TYPES)) {
      for (const u of usageTypes) {
        const base = after && u.afterUsd !== undefined ? u.afterUsd : u.usd;
        const usd =
          base *
          (u.weekly ? traffic : 1) *
          (1 + NOISE * noise(`${day}|${service}|${u.usageType}`));
        rows.push({
          day,
          service,
          usageType: u.usageType,
          amount: usd.toFixed(2),
        });
      }
    }
  }
  return rows;
}

/**
 * Daily cost by service for the COST_EXPLORER_DAYS complete days before `now`'s UTC
 * day, oldest first. Services broken down by usage type are the sum of their usage
 * types, so both Cost Explorer answers agree to the cent. Pure: tests compute the
 * expected totals from the same function.
 */
export function storyServiceCosts(now: Date): StoryServiceCost[] {
  const byUsage = new Map<string, number>();
  for (const r of storyUsageTypeCosts(now)) {
    const key = `${r.day}|${r.service}`;
    byUsage.set(
      key,
      (byUsage.get(key) ?? 0) + Math.round(Number(r.amount) * 100),
    );
  }
  const rows: StoryServiceCost[] = [];
  for (const { day, back, traffic } of storyDays(now)) {
    for (const s of STORY_SERVICES) {
      const cents = byUsage.get(`${day}|${s.service}`);
      if (cents !== undefined) {
        rows.push({
          day,
          service: s.service,
          amount: (cents / 100).toFixed(2),
        });
        continue;
      }
      let usd =
        s.usd *
        (s.weekly ? traffic : 1) *
        (1 + NOISE * noise(`${day}|${s.service}`));
      if (back === COST_SPIKE.daysAgo && s.service === COST_SPIKE.service) {
        usd += COST_SPIKE.extraUsd;
      }
      rows.push({ day, service: s.service, amount: usd.toFixed(2) });
    }
  }
  return rows;
}

/** One GetCostAndUsage result per day, in the JSON shape Cost Explorer answers with. */
function costAndUsageResponse(
  groupBy: string[],
  rows: ReadonlyArray<{ day: string; keys: string[]; amount: string }>,
) {
  const byDay = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) {
    byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  }
  return {
    GroupDefinitions: groupBy.map(Key => ({ Type: 'DIMENSION', Key })),
    ResultsByTime: [...byDay.entries()].map(([day, dayRows]) => ({
      TimePeriod: { Start: day, End: isoDay(Date.parse(day) + DAY_MS) },
      Total: {},
      Groups: dayRows.map(r => ({
        Keys: r.keys,
        Metrics: { UnblendedCost: { Amount: r.amount, Unit: 'USD' } },
      })),
      Estimated: false,
    })),
    DimensionValueAttributes: [],
  };
}

/** The story's daily cost grouped by SERVICE (the portal's first request). */
export function buildCostAndUsageResult(now: Date) {
  return costAndUsageResponse(
    ['SERVICE'],
    storyServiceCosts(now).map(r => ({ ...r, keys: [r.service] })),
  );
}

/** The story's daily cost grouped by SERVICE × USAGE_TYPE (the savings targets' request). */
export function buildUsageTypeResult(now: Date) {
  return costAndUsageResponse(
    ['SERVICE', 'USAGE_TYPE'],
    storyUsageTypeCosts(now).map(r => ({
      ...r,
      keys: [r.service, r.usageType],
    })),
  );
}

/**
 * Queues the story's Cost Explorer answers on the emulator. The emulator hands the next
 * queued result to the first GetCostAndUsage request with a body it has not seen and
 * keeps answering that body with it (other bodies take the next one, or get nothing).
 * The portal reads daily cost by service first and the savings targets' usage types
 * second, so they are queued in that order. A second run queues them again: later,
 * different requests (the next day's refresh) then get them too.
 */
export const costExplorerStep: SeedStep = {
  name: 'cost-explorer',
  async run(ctx) {
    const report = emptyReport('cost-explorer');
    const url = new URL(
      '/moto-api/static/ce/cost-and-usage-results',
      ctx.endpoint,
    );
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        account_id: ctx.accountId,
        results: [
          buildCostAndUsageResult(ctx.now),
          buildUsageTypeResult(ctx.now),
        ],
      }),
    });
    if (!res.ok) {
      throw new Error(
        `queueing Cost Explorer results failed: HTTP ${
          res.status
        } ${await res.text()}`,
      );
    }
    report.existing.push(
      `Cost Explorer: ${COST_EXPLORER_DAYS} days by service, then by usage type, queued for the next new GetCostAndUsage requests`,
    );
    return report;
  },
};
