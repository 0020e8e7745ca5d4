import { DeferralPlanner } from './deferralPlanner';

describe('DeferralPlanner', () => {
  it('gives a lone deferred copy the limiter’s retryAfter', () => {
    const planner = new DeferralPlanner({ spacingMs: 12_000 });
    expect(planner.delayFor('u1', 1_000, 6_000)).toBe(6_000);
  });

  it('spaces a creator’s waiting copies one spacing apart, in order', () => {
    const planner = new DeferralPlanner({ spacingMs: 12_000 });
    // the outage's warm-up: every copy is told to wait until 60_000
    const delays = [0, 100, 200, 300].map(at =>
      planner.delayFor('u1', at, 60_000 - at),
    );
    expect(delays.map((d, i) => d + [0, 100, 200, 300][i])).toEqual([
      60_000, 72_000, 84_000, 96_000,
    ]);
  });

  it('plans each creator on its own', () => {
    const planner = new DeferralPlanner({ spacingMs: 12_000 });
    expect(planner.delayFor('u1', 0, 5_000)).toBe(5_000);
    expect(planner.delayFor('u2', 0, 5_000)).toBe(5_000);
    expect(planner.delayFor('u1', 0, 5_000)).toBe(17_000);
  });

  it('never plans earlier than retryAfter', () => {
    const planner = new DeferralPlanner({ spacingMs: 1_000 });
    planner.delayFor('u1', 0, 1_000);
    // the limiter now says 30 s: the plan follows it, not the old slot
    expect(planner.delayFor('u1', 500, 30_000)).toBe(30_000);
    // slot 30_500 planned; the next copy goes one spacing later: 31_500
    expect(planner.delayFor('u1', 500, 0)).toBe(31_000);
  });

  it('starts afresh once the creator’s last slot has passed', () => {
    const planner = new DeferralPlanner({ spacingMs: 12_000 });
    planner.delayFor('u1', 0, 6_000); // slot 6_000
    expect(planner.delayFor('u1', 60_000, 6_000)).toBe(6_000);
  });

  it('with spacing 0 behaves as the limiter alone', () => {
    const planner = new DeferralPlanner({ spacingMs: 0 });
    expect(planner.delayFor('u1', 0, 6_000)).toBe(6_000);
    expect(planner.delayFor('u1', 0, 6_000)).toBe(6_000);
  });

  it('remembers at most maxCreators, forgetting past slots first', () => {
    const planner = new DeferralPlanner({ spacingMs: 1_000, maxCreators: 2 });
    planner.delayFor('old', 0, 0); // slot 0, past by 10_000
    planner.delayFor('a', 10_000, 5_000);
    planner.delayFor('b', 10_000, 5_000);
    expect(planner.size).toBe(2);
    // 'old' was forgotten, 'a' still spaces its next copy
    expect(planner.delayFor('a', 10_000, 5_000)).toBe(6_000);
  });

  it('refuses a negative or non-finite spacing', () => {
    expect(() => new DeferralPlanner({ spacingMs: -1 })).toThrow(RangeError);
    expect(() => new DeferralPlanner({ spacingMs: NaN })).toThrow(RangeError);
  });
});
