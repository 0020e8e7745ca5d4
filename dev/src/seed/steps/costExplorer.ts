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

export interface StoryServiceCost {
  day: string;
  service: string;
  /** USD with two decimals, as queued. */
  amount: string;
}

/**
 * Daily cost by service for the COST_EXPLORER_DAYS complete days before `now`'s UTC
 * day, oldest first. Pure: tests compute the expected totals from the same function.
 */
export function storyServiceCosts(now: Date): StoryServiceCost[] {
  const startOfToday = Date.parse(`${isoDay(now.getTime())}T00:00:00Z`);
  const rows: StoryServiceCost[] = [];
  for (let back = COST_EXPLORER_DAYS; back >= 1; back--) {
    const dayMs = startOfToday - back * DAY_MS;
    const day = isoDay(dayMs);
    const traffic = SERVICE_WEEKLY_PATTERN[new Date(dayMs).getUTCDay()];
    for (const s of STORY_SERVICES) {
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

/**
 * A complete GetCostAndUsage response (DAILY, UnblendedCost, grouped by SERVICE) for
 * the story's days, in the JSON shape Cost Explorer answers with.
 */
export function buildCostAndUsageResult(now: Date) {
  const byDay = new Map<string, StoryServiceCost[]>();
  for (const row of storyServiceCosts(now)) {
    byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  }
  return {
    GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    ResultsByTime: [...byDay.entries()].map(([day, rows]) => ({
      TimePeriod: { Start: day, End: isoDay(Date.parse(day) + DAY_MS) },
      Total: {},
      Groups: rows.map(r => ({
        Keys: [r.service],
        Metrics: { UnblendedCost: { Amount: r.amount, Unit: 'USD' } },
      })),
      Estimated: false,
    })),
    DimensionValueAttributes: [],
  };
}

/**
 * Queues the story's Cost Explorer answer on the emulator. The emulator hands the next
 * queued result to the first GetCostAndUsage request with a body it has not seen and
 * keeps answering that body with it (other bodies take the next one, or get nothing),
 * so the portal's 90-day request gets the whole story in one page. A second run queues
 * it again: a later, different request (the next day's refresh) then gets it too.
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
        results: [buildCostAndUsageResult(ctx.now)],
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
      `Cost Explorer: ${COST_EXPLORER_DAYS} days by service queued for the next new GetCostAndUsage request`,
    );
    return report;
  },
};
