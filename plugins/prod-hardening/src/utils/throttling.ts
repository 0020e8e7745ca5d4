import type { ThrottlingMinute } from '@prod-hardening/plugin-prod-hardening-common';

/** One chart row: the minute as HH:MM (UTC) and what the chart plots. */
export interface ThrottlingChartRow {
  label: string;
  allowed: number;
  throttled: number;
  deferred: number;
  sent: number;
  failed: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export function throttlingChartRows(
  minutes: ThrottlingMinute[],
): ThrottlingChartRow[] {
  return minutes.map(m => ({
    label: m.minute.slice(11, 16),
    allowed: m.allowed,
    throttled: m.throttled,
    deferred: m.deferred,
    sent: m.sent,
    failed: m.failed,
    p50Ms: m.p50Ms,
    p99Ms: m.p99Ms,
  }));
}

/** "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600)
    return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86_400) {
    const min = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${min ? ` ${min} min` : ''}`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return `${Math.floor(s / 86_400)} d${h ? ` ${h} h` : ''}`;
}

/** Milliseconds as "≤ 0.5 ms", "≤ 25 ms", or "—" when unknown (histogram upper bounds). */
export function formatBound(
  ms: number | null | undefined,
  overMs?: number,
): string {
  if (overMs !== undefined) return `> ${overMs} ms`;
  if (ms === null || ms === undefined) return '—';
  return `≤ ${ms} ms`;
}

/** "now" for 0, otherwise "in 4.5 s" / "in 1 min 12 s". */
export function formatWait(ms: number): string {
  if (ms <= 0) return 'now';
  if (ms < 60_000) return `in ${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`;
  return `in ${formatAge(Math.ceil(ms / 1000))}`;
}

/** "3 at once, then 1 every 6 s, at most 10 per 60 s". */
export function describeLimits(l: {
  capacity: number;
  refillIntervalMs: number;
  windowLimit: number;
  windowMs: number;
}): string {
  const secs = (ms: number) => `${(ms / 1000).toString()} s`;
  return `${l.capacity} at once, then 1 every ${secs(
    l.refillIntervalMs,
  )}, at most ${l.windowLimit} per ${secs(l.windowMs)}`;
}
