import { loadConfig } from './config';

const required = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  QUEUE_URL: 'http://127.0.0.1:5000/123456789012/rate-limiter',
  DLQ_URL: 'http://127.0.0.1:5000/123456789012/rate-limiter-dlq',
  MESSAGING_API_BASE_URL: 'http://127.0.0.1:8080',
  MESSAGING_API_TOKEN: 'local-token',
};

describe('loadConfig: spacing of a creator’s deferred copies', () => {
  it('defaults to each instance’s share of the refill rate', () => {
    expect(loadConfig(required).deferSpacingMs).toBe(6_000 * 2);
    expect(
      loadConfig({
        ...required,
        RATE_LIMIT_REFILL_INTERVAL_MS: '1000',
        MAX_CONCURRENCY: '4',
      }).deferSpacingMs,
    ).toBe(4_000);
  });

  it('takes DEFER_SPACING_MS, 0 meaning every copy waits only its retryAfter', () => {
    expect(
      loadConfig({ ...required, DEFER_SPACING_MS: '2500' }).deferSpacingMs,
    ).toBe(2_500);
    expect(
      loadConfig({ ...required, DEFER_SPACING_MS: '0' }).deferSpacingMs,
    ).toBe(0);
  });

  it('refuses a negative spacing, naming the variable', () => {
    expect(() => loadConfig({ ...required, DEFER_SPACING_MS: '-1' })).toThrow(
      /DEFER_SPACING_MS/,
    );
  });
});
