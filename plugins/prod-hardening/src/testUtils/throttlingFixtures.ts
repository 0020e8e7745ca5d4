import type {
  DlqRedriveResult,
  ThrottlingMinute,
  ThrottlingOverview,
} from '@prod-hardening/plugin-prod-hardening-common';

const minute = (
  i: number,
  counts: Partial<ThrottlingMinute>,
): ThrottlingMinute => ({
  minute: new Date(Date.UTC(2026, 10, 20, 12, i)).toISOString(),
  allowed: 0,
  throttled: 0,
  deferred: 0,
  sent: 0,
  failed: 0,
  deadLettered: 0,
  fallback: 0,
  duplicate: 0,
  invalid: 0,
  apiThrottled: 0,
  decisions: 0,
  p50Ms: null,
  p99Ms: null,
  ...counts,
});

export const overviewFixture: ThrottlingOverview = {
  generatedAt: '2026-11-20T12:14:30.000Z',
  windowMinutes: 15,
  redis: {
    state: 'ok',
    minutes: Array.from({ length: 15 }, (_, i) =>
      i === 14
        ? minute(i, {
            allowed: 41,
            throttled: 7,
            deferred: 7,
            sent: 40,
            failed: 1,
            decisions: 48,
            p50Ms: 0.5,
            p99Ms: 5,
          })
        : minute(i, {
            allowed: 30,
            sent: 30,
            decisions: 30,
            p50Ms: 0.5,
            p99Ms: 2,
          }),
    ),
    totals: {
      allowed: 461,
      throttled: 7,
      deferred: 7,
      sent: 460,
      failed: 1,
      deadLettered: 3,
      fallback: 0,
      duplicate: 0,
      invalid: 0,
      apiThrottled: 0,
    },
    latency: { decisions: 468, p50Ms: 0.5, p99Ms: 5, meanMs: 0.41 },
    creators: [
      {
        userId: 'creator-07',
        decisions: 19,
        tokensAvailable: 0,
        sendsInWindow: 10,
        retryAfterMs: 4500,
        nextAllowedAt: '2026-11-20T12:14:34.500Z',
      },
      {
        userId: 'creator-21',
        decisions: 12,
        tokensAvailable: 2,
        sendsInWindow: 4,
        retryAfterMs: 0,
        nextAllowedAt: '2026-11-20T12:14:30.000Z',
      },
    ],
    fallback: { active: false, decisionsInWindow: 0 },
    limits: {
      capacity: 3,
      refillIntervalMs: 6000,
      windowLimit: 10,
      windowMs: 60000,
      maxConcurrency: 2,
      fallbackWarmupMs: 60000,
    },
  },
  dlq: {
    state: 'ok',
    queueName: 'huntaze-rate-limiter-dlq',
    depth: 3,
    inFlight: 0,
    oldestAgeSeconds: 200,
    ageSource: 'sample',
    readAt: '2026-11-20T12:14:30.000Z',
  },
};

export const redriveResultFixture: DlqRedriveResult = {
  outcome: 'succeeded',
  method: 'bounded-move',
  message:
    'Moved 3 of 3 message(s) from huntaze-rate-limiter-dlq back to huntaze-rate-limiter-queue. Bounded move: StartMessageMoveTask is not available on this endpoint.',
  depthBefore: 3,
  moved: 3,
  notMoved: 0,
  notDeleted: 0,
  historyId: 'h-1',
};
