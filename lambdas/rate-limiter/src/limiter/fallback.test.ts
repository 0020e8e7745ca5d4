import { InMemoryLimiter, fallbackLimits } from './fallback';
import { DEFAULT_LIMITS } from '../contract';

const T0 = 1_700_000_000_000;

describe('fallbackLimits', () => {
  it('divides every limit by the maximum concurrency', () => {
    expect(fallbackLimits(DEFAULT_LIMITS, 2)).toEqual({
      capacity: 1,
      refillIntervalMs: 12_000,
      windowLimit: 5,
      windowMs: 60_000,
    });
  });

  it('keeps the full limits for a single instance', () => {
    expect(fallbackLimits(DEFAULT_LIMITS, 1)).toEqual(DEFAULT_LIMITS);
  });

  it('never goes below one send', () => {
    expect(fallbackLimits(DEFAULT_LIMITS, 20)).toMatchObject({
      capacity: 1,
      windowLimit: 1,
    });
  });

  it('rejects a zero concurrency', () => {
    expect(() => fallbackLimits(DEFAULT_LIMITS, 0)).toThrow(RangeError);
  });
});

describe('InMemoryLimiter', () => {
  it('allows each instance its share: two instances together stay within the limit', () => {
    const instances = [1, 2].map(
      () =>
        new InMemoryLimiter({
          limits: DEFAULT_LIMITS,
          maxConcurrency: 2,
          warmupMs: 0,
        }),
    );
    const sent: number[] = [];
    for (let t = 0; t < 180_000; t += 500) {
      for (const instance of instances) {
        if (instance.consume('u1', T0 + t).allowed) sent.push(t);
      }
    }
    for (let i = 0; i < sent.length; i++) {
      const inWindow = sent.filter(
        s => s >= sent[i] && s < sent[i] + 60_000,
      ).length;
      expect(inWindow).toBeLessThanOrEqual(10);
      const inBurst = sent.filter(s => s === sent[i]).length;
      expect(inBurst).toBeLessThanOrEqual(3);
    }
    expect(sent.length).toBeGreaterThan(0);
  });

  it('allows nothing during the warm-up after an outage begins', () => {
    const limiter = new InMemoryLimiter({
      limits: DEFAULT_LIMITS,
      maxConcurrency: 2,
    });
    limiter.beginOutage(T0);
    expect(limiter.consume('u1', T0)).toEqual({
      allowed: false,
      retryAfter: 60_000,
      tokensRemaining: 1,
    });
    expect(limiter.consume('u1', T0 + 59_999)).toMatchObject({
      allowed: false,
      retryAfter: 1,
    });
    expect(limiter.consume('u1', T0 + 60_000)).toEqual({
      allowed: true,
      tokensRemaining: 0,
    });
    expect(limiter.consume('u1', T0 + 60_000)).toEqual({
      allowed: false,
      retryAfter: 12_000,
      tokensRemaining: 0,
    });
  });

  it('drops only creators that have been idle for a full cycle', () => {
    const limiter = new InMemoryLimiter({
      limits: DEFAULT_LIMITS,
      maxConcurrency: 1,
      maxCreators: 2,
    });
    limiter.consume('a', T0);
    limiter.consume('b', T0);
    limiter.consume('c', T0 + 1);
    // nobody is idle yet, so 'a' keeps its state (2 tokens left)
    expect(limiter.consume('a', T0 + 2)).toEqual({
      allowed: true,
      tokensRemaining: 1,
    });
  });
});
