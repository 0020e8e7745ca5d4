import type { DailyRollup } from './records';
import { daysBetween } from './time';

/**
 * The rollups of past days, kept for `ttlMs`. Past days change only through late
 * entries (timestamps in the past) and rebuilds, so the budget check and the daily
 * totals need not query them on every call; today is never cached. The instance's own
 * flushes and rebuilds invalidate the days they touch at once; another writer's late
 * additions show after at most `ttlMs`.
 */
export class PastDayRollupCache {
  private readonly days = new Map<
    string,
    { rollups: DailyRollup[]; storedAt: number }
  >();

  constructor(private readonly ttlMs: number) {}

  /** Every day of the range, if all are past days held and fresh; else undefined. */
  get(
    from: string,
    to: string,
    today: string,
    nowMs: number,
  ): DailyRollup[] | undefined {
    if (this.ttlMs <= 0 || to >= today) return undefined;
    const out: DailyRollup[] = [];
    for (const day of daysBetween(from, to)) {
      const held = this.days.get(day);
      if (!held || nowMs - held.storedAt >= this.ttlMs) return undefined;
      out.push(...held.rollups);
    }
    return out;
  }

  /** Keeps the past days of a range just read (days without rollups too). */
  put(
    from: string,
    to: string,
    rollups: readonly DailyRollup[],
    today: string,
    nowMs: number,
  ): void {
    if (this.ttlMs <= 0) return;
    const byDay = new Map<string, DailyRollup[]>();
    for (const r of rollups)
      byDay.set(r.date, [...(byDay.get(r.date) ?? []), r]);
    for (const day of daysBetween(from, to)) {
      if (day >= today) break;
      this.days.set(day, { rollups: byDay.get(day) ?? [], storedAt: nowMs });
    }
  }

  invalidate(days: Iterable<string>): void {
    for (const day of days) this.days.delete(day);
  }
}
