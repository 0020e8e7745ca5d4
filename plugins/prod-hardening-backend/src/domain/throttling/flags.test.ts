import { parseFallback, parseLimits } from './flags';

describe('limits in force', () => {
  it('reads the hash the Lambda writes at start-up', () => {
    expect(
      parseLimits({
        capacity: '3',
        refill_interval_ms: '6000',
        window_limit: '10',
        window_ms: '60000',
        max_concurrency: '2',
        fallback_warmup_ms: '60000',
        updated_at_ms: String(Date.UTC(2026, 10, 20)),
      }),
    ).toEqual({
      capacity: 3,
      refillIntervalMs: 6000,
      windowLimit: 10,
      windowMs: 60000,
      maxConcurrency: 2,
      fallbackWarmupMs: 60000,
      updatedAt: '2026-11-20T00:00:00.000Z',
    });
  });

  it('is null when the hash is missing or incomplete', () => {
    expect(parseLimits({})).toBeNull();
    expect(
      parseLimits({
        capacity: '3',
        refill_interval_ms: '6000',
        window_limit: '0',
        window_ms: '60000',
      }),
    ).toBeNull();
  });
});

describe('fallback flag', () => {
  it('shows an active episode with its start and reason', () => {
    expect(
      parseFallback(
        {
          active: '1',
          since_ms: '1795000000000',
          reason: 'connect ECONNREFUSED',
          instance: 'i-1',
          changed_at_ms: '1795000000000',
        },
        4,
      ),
    ).toEqual({
      active: true,
      since: new Date(1795000000000).toISOString(),
      reason: 'connect ECONNREFUSED',
      instance: 'i-1',
      decisionsInWindow: 4,
    });
  });

  it('is inactive when no instance ever wrote the flag', () => {
    expect(parseFallback({}, 0)).toEqual({
      active: false,
      decisionsInWindow: 0,
    });
  });
});
