import { busyCreator, mergeBusiestCreators } from './creators';

describe('busiest creators', () => {
  it('adds up each creator over the minutes and keeps the busiest', () => {
    const top = mergeBusiestCreators(
      [
        ['creator-1', '9', 'creator-2', '4'],
        ['creator-2', '8', 'creator-3', '1'],
      ],
      2,
    );
    expect(top).toEqual([
      { userId: 'creator-2', decisions: 12 },
      { userId: 'creator-1', decisions: 9 },
    ]);
  });

  it('orders ties by user id and skips malformed scores', () => {
    expect(
      mergeBusiestCreators([['b', '2', 'a', '2', 'c', 'NaN']], 10),
    ).toEqual([
      { userId: 'a', decisions: 2 },
      { userId: 'b', decisions: 2 },
    ]);
  });

  it('places the next allowed send retryAfter after now', () => {
    const now = Date.UTC(2026, 10, 20, 12, 0, 0);
    expect(
      busyCreator(
        { userId: 'creator-1', decisions: 12 },
        { tokensAvailable: 0, sendsInWindow: 10, retryAfter: 4_500 },
        now,
      ),
    ).toEqual({
      userId: 'creator-1',
      decisions: 12,
      tokensAvailable: 0,
      sendsInWindow: 10,
      retryAfterMs: 4_500,
      nextAllowedAt: '2026-11-20T12:00:04.500Z',
    });
  });
});
