import type {
  FallbackStatus,
  LimitsInForce,
} from '@prod-hardening/plugin-prod-hardening-common';

const positive = (value: string | undefined): number | undefined => {
  const n = Number(value);
  return value !== undefined && Number.isSafeInteger(n) && n > 0
    ? n
    : undefined;
};

const isoOf = (value: string | undefined): string | undefined => {
  const ms = positive(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

/**
 * The `limits` hash the Lambda writes at start-up; null when it is missing or does not
 * hold the four limits (the tab then says no instance has recorded them).
 */
export function parseLimits(raw: Record<string, string>): LimitsInForce | null {
  const capacity = positive(raw.capacity);
  const refillIntervalMs = positive(raw.refill_interval_ms);
  const windowLimit = positive(raw.window_limit);
  const windowMs = positive(raw.window_ms);
  if (!capacity || !refillIntervalMs || !windowLimit || !windowMs) return null;
  const limits: LimitsInForce = {
    capacity,
    refillIntervalMs,
    windowLimit,
    windowMs,
  };
  const maxConcurrency = positive(raw.max_concurrency);
  const fallbackWarmupMs = positive(raw.fallback_warmup_ms);
  const updatedAt = isoOf(raw.updated_at_ms);
  if (maxConcurrency) limits.maxConcurrency = maxConcurrency;
  if (fallbackWarmupMs) limits.fallbackWarmupMs = fallbackWarmupMs;
  if (updatedAt) limits.updatedAt = updatedAt;
  return limits;
}

/** The `fallback` hash plus the fallback decisions counted in the window. */
export function parseFallback(
  raw: Record<string, string>,
  decisionsInWindow: number,
): FallbackStatus {
  const status: FallbackStatus = {
    active: raw.active === '1',
    decisionsInWindow,
  };
  const since = isoOf(raw.since_ms);
  const endedAt = isoOf(raw.ended_at_ms);
  if (since) status.since = since;
  if (endedAt) status.endedAt = endedAt;
  if (raw.reason) status.reason = raw.reason;
  if (raw.instance) status.instance = raw.instance;
  return status;
}
