import { RateLimits } from '../contract';

/**
 * The limiter state of one creator, as kept in Redis by the Lua script and in
 * memory by the fallback. `sends` holds the times of the most recent allowed
 * sends (at most `windowLimit`), oldest first.
 */
export interface CreatorState {
  tokens: number;
  refilledAt: number;
  last: number;
  sends: number[];
}

export interface ModelDecision {
  allowed: boolean;
  /** Milliseconds until a request would be allowed; 0 when allowed. */
  retryAfterMs: number;
  /** Tokens left after this decision. */
  tokens: number;
  /** The time actually used: the caller's `now`, never earlier than the last send. */
  now: number;
  /** The state after the decision; the same object as the input when denied. */
  state: CreatorState | undefined;
}

/**
 * The limiter's decision as a pure function. This is the reference for the Lua
 * script (the two are checked against each other in tests) and the algorithm
 * of the in-memory fallback.
 */
export function decide(
  state: CreatorState | undefined,
  requestedNow: number,
  limits: RateLimits,
): ModelDecision {
  let now = requestedNow;
  let tokens = limits.capacity;
  let refilledAt = now;
  let sends: number[] = [];
  if (state) {
    now = Math.max(now, state.last);
    tokens = state.tokens;
    refilledAt = state.refilledAt;
    sends = state.sends;
    const added = Math.floor((now - refilledAt) / limits.refillIntervalMs);
    if (tokens + added >= limits.capacity) {
      tokens = limits.capacity;
      refilledAt = now;
    } else {
      tokens += added;
      refilledAt += added * limits.refillIntervalMs;
    }
  }

  const tokenWait = tokens < 1 ? refilledAt + limits.refillIntervalMs - now : 0;
  let windowWait = 0;
  if (sends.length >= limits.windowLimit) {
    const oldestInWindow = sends[sends.length - limits.windowLimit];
    windowWait = Math.max(0, oldestInWindow + limits.windowMs - now);
  }
  if (tokenWait > 0 || windowWait > 0) {
    return {
      allowed: false,
      retryAfterMs: Math.max(tokenWait, windowWait),
      tokens,
      now,
      state,
    };
  }
  const nextSends = [...sends, now].slice(-limits.windowLimit);
  tokens -= 1;
  return {
    allowed: true,
    retryAfterMs: 0,
    tokens,
    now,
    state: { tokens, refilledAt, last: now, sends: nextSends },
  };
}
