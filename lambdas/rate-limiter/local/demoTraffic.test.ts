import { DEFAULT_LIMITS } from '../src/contract';
import {
  DEFAULT_DEMO_TRAFFIC,
  planDemoTick,
  REVIEW_CREATOR,
  REVIEW_MESSAGES,
  reviewPeriod,
  toEvents,
} from './demoTraffic';
import { rateLimiterEventSchema } from '../src/schemas';

/** A fixed pseudo-random sequence (mulberry32), so the plan is the same on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('demo traffic plan', () => {
  const random = seeded(42);
  // 5 minutes at one tick every 2 s
  const ticks = Array.from({ length: 150 }, (_, i) => planDemoTick(i, random));
  const all = ticks.flat();

  it('reaches dozens of creators with a modest steady rate', () => {
    const creators = new Set(all.map(m => m.userId));
    expect(creators.size).toBeGreaterThanOrEqual(30);
    const perMinute = all.length / 5;
    expect(perMinute).toBeGreaterThan(30);
    expect(perMinute).toBeLessThan(120);
    expect(ticks.every(t => t.length >= 1)).toBe(true);
  });

  it('has bursts larger than the bucket, so the limiter throttles some', () => {
    const burstTicks = ticks.filter(
      (_, i) => i > 0 && i % DEFAULT_DEMO_TRAFFIC.burstEvery === 0,
    );
    expect(burstTicks).toHaveLength(9);
    for (const tick of burstTicks) {
      const counts = new Map<string, number>();
      for (const m of tick)
        counts.set(m.userId, (counts.get(m.userId) ?? 0) + 1);
      expect(Math.max(...counts.values())).toBeGreaterThan(
        DEFAULT_LIMITS.capacity,
      );
    }
  });

  it('starts with the messages of the creator under review, and only then', () => {
    expect(ticks[0].filter(m => m.userId === REVIEW_CREATOR)).toHaveLength(
      REVIEW_MESSAGES,
    );
    expect(all.filter(m => m.userId === REVIEW_CREATOR)).toHaveLength(
      REVIEW_MESSAGES,
    );
  });

  it('produces bodies the handler accepts', () => {
    for (const event of toEvents(ticks[15], 1_795_000_000_000)) {
      expect(rateLimiterEventSchema.safeParse(event).success).toBe(true);
    }
  });

  it('rejects the creator under review until the review ends', () => {
    let now = 1_000;
    const respond = reviewPeriod(2_000, () => now);
    const request = { idempotencyKey: 'k', fanId: 'f', attempt: 1 };
    expect(respond({ ...request, userId: REVIEW_CREATOR })).toBe(422);
    expect(respond({ ...request, userId: 'creator-01' })).toBeUndefined();
    now = 2_000;
    expect(respond({ ...request, userId: REVIEW_CREATOR })).toBeUndefined();
  });
});
