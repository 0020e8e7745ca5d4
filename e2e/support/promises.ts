/**
 * How soon the product promises that a change shows, so a spec waits exactly that
 * long (plus the slack of a busy 2-core CI machine), never a guessed number.
 */

/** Slack for a loaded machine: one page load, one backend round trip. */
const SLACK_MS = 5_000;

/** The Throttling tab reloads its numbers this often (useThrottling.ts in the plugin). */
export const THROTTLING_REFRESH_MS = 10_000;

/**
 * The demo traffic's handler writes its metrics once per batch: the producer sends
 * every 2 s (DEMO_INTERVAL_MS in the rate limiter's demo) and the local poller waits
 * at most 1 s for a batch; while in fallback the limiter probes Redis every 1 s
 * (REDIS_PROBE_INTERVAL_MS) before it flushes again.
 */
export const METRICS_FLUSH_MS = 2_000 + 1_000 + 1_000;

/**
 * A change in the limiter's Redis data (a count moving, the limits written again after
 * Redis came back empty) is on the Throttling tab within one flush and one reload.
 */
export const THROTTLING_SHOWS_WITHIN_MS =
  METRICS_FLUSH_MS + THROTTLING_REFRESH_MS + SLACK_MS;

/**
 * After Redis is lost, the limiter allows nothing for one window (its fallback
 * warm-up, `windowMs`: 60 s with the demo's limits), since other instances' last
 * sends are unknown; sends resume at most this long after an outage began.
 */
export const LIMITER_WARMUP_MS = 60_000;

/**
 * The DLQ's depth is read at most every 10 s (DLQ_CACHE_MS in the backend's
 * ThrottlingService), then shown at the next reload.
 */
export const DLQ_SHOWS_WITHIN_MS = 10_000 + THROTTLING_REFRESH_MS + SLACK_MS;

/**
 * The backend's /health reflects a source going down or coming back within one probe
 * (its probe timeout is 4 s) and the at most 30 s it keeps an anonymous report.
 */
export const HEALTH_SHOWS_WITHIN_MS = 30_000 + 4_000 + SLACK_MS;
