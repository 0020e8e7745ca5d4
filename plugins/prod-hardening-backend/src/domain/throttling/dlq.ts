/**
 * Age in whole seconds of the oldest message among a sample, from the SentTimestamp
 * (epoch ms) SQS attaches to each message; null for an empty or unreadable sample.
 * A sample of a standard queue may miss the oldest message, so this is a lower bound.
 */
export function oldestAgeSeconds(
  sentTimestamps: (string | undefined)[],
  nowMs: number,
): number | null {
  const times = sentTimestamps
    .map(t => Number(t))
    .filter(t => Number.isSafeInteger(t) && t > 0);
  if (times.length === 0) return null;
  return Math.max(0, Math.floor((nowMs - Math.min(...times)) / 1000));
}
