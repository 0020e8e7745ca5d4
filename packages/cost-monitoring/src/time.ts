const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;

/** `YYYY-MM-DD` (UTC) of an instant. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `YYYY-MM` (UTC) of an instant. */
export function utcMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** ISO 8601 with milliseconds, UTC: the `timestamp` of ledger entries. */
export function isoMillis(at: Date): string {
  return at.toISOString();
}

/** `YYYY-MM-DDTHH:mm:ssZ`: the seed's sort key format for alerts. */
export function isoSeconds(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

/** True for a real calendar day written as `YYYY-MM-DD`. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && utcDay(parsed) === value;
}

/** Midnight UTC starting the given `YYYY-MM-DD`. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The `YYYY-MM-DD` that is `days` after (or before, if negative) `day`. */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(startOfDay(day).getTime() + days * DAY_MS));
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function epochSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

/**
 * DynamoDB TTL value for an item written about `at` and kept `retentionDays`:
 * epoch seconds, as DynamoDB requires.
 */
export function ttlFor(at: Date, retentionDays: number): number {
  return epochSeconds(at) + retentionDays * DAY_SECONDS;
}

/**
 * DynamoDB deletes expired items lazily (typically within days), so an item whose
 * TTL has passed may still be returned by a read. Such an item counts as gone.
 */
export function isExpired(ttl: number | undefined, now: Date): boolean {
  return ttl !== undefined && ttl <= epochSeconds(now);
}

/**
 * The first day whose entries are all still inside the retention window at `now`
 * (entries of day D expire from D + retention onwards).
 */
export function firstRetainedDay(now: Date, retentionDays: number): string {
  return addDays(utcDay(now), -(retentionDays - 1));
}
