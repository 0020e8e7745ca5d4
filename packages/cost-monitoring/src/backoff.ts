export interface BackoffOptions {
  /** Total attempts, the first one included. */
  attempts: number;
  /** Delay before the second attempt. */
  baseDelayMs: number;
  /** Growth per attempt (2 doubles the delay). */
  factor?: number;
  /** Upper bound for one delay. */
  maxDelayMs?: number;
}

/**
 * The waits between attempts: `attempts - 1` delays, growing exponentially.
 * `{attempts: 3, baseDelayMs: 200}` → `[200, 400]`. Pure.
 */
export function backoffDelays(options: BackoffOptions): number[] {
  const { attempts, baseDelayMs, factor = 2, maxDelayMs = Infinity } = options;
  const delays: number[] = [];
  for (let i = 0; i < attempts - 1; i++) {
    delays.push(Math.min(maxDelayMs, baseDelayMs * factor ** i));
  }
  return delays;
}

/**
 * "Equal jitter": half the delay fixed, half random, so clients that failed together
 * do not retry together. `random` is injectable to make it deterministic.
 */
export function withJitter(delayMs: number, random: () => number): number {
  return Math.round(delayMs / 2 + (delayMs / 2) * random());
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = ms =>
  new Promise(resolve => setTimeout(resolve, ms));

export interface RetryResult<T> {
  value: T;
  attempts: number;
}

export class RetriesExhaustedError extends Error {
  readonly attempts: number;
  constructor(attempts: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`failed after ${attempts} attempts: ${reason}`, { cause });
    this.name = 'RetriesExhaustedError';
    this.attempts = attempts;
  }
}

/** Runs `fn` until it resolves or the attempts run out, sleeping the backoff delays between. */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  options: BackoffOptions & { sleep?: Sleep },
): Promise<RetryResult<T>> {
  const delays = backoffDelays(options);
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await fn(attempt), attempts: attempt };
    } catch (err) {
      if (attempt >= options.attempts) {
        throw new RetriesExhaustedError(attempt, err);
      }
      await sleep(delays[attempt - 1]);
    }
  }
}
