/**
 * When a creator's deferred copies come back.
 *
 * The limiter's `retryAfter` is when the creator's *next* token frees up. Given
 * to every waiting message of that creator, it brings them all back together:
 * one gets the token, the others are deferred again, and again. After the Redis
 * outage this turned ~1,000 deferred messages into one wave that came back
 * every few seconds, mostly to be re-sent. Real SQS pays for each copy too.
 *
 * The planner gives each waiting message of a creator its own slot instead:
 * the first at `retryAfter`, each next one `spacingMs` after the previous, so a
 * creator's backlog returns at the pace its tokens refill and keeps its order.
 * It is per instance (no shared state): with `maxConcurrency` instances each
 * seeing part of a creator's messages, the spacing is the instance's share of
 * the refill rate. A slot is a plan, not a reservation: the message is decided
 * again when it comes back, so a wrong plan costs a re-deferral, never a
 * violation.
 */
export interface DeferralPlannerOptions {
  /** Time between two planned returns of the same creator's copies. */
  spacingMs: number;
  /** Creators remembered at most; those whose last slot has passed go first. */
  maxCreators?: number;
}

export class DeferralPlanner {
  private readonly lastSlot = new Map<string, number>();
  private readonly spacingMs: number;
  private readonly maxCreators: number;

  constructor(options: DeferralPlannerOptions) {
    if (!Number.isFinite(options.spacingMs) || options.spacingMs < 0) {
      throw new RangeError(
        `spacingMs must be a non-negative number, got ${options.spacingMs}`,
      );
    }
    this.spacingMs = options.spacingMs;
    this.maxCreators = options.maxCreators ?? 50_000;
  }

  /**
   * The delay (ms from `nowMs`) for a copy of `userId`'s message that the
   * limiter told to wait `retryAfterMs`: no earlier than that, and one spacing
   * after the creator's previously planned copy.
   */
  delayFor(userId: string, nowMs: number, retryAfterMs: number): number {
    const earliest = nowMs + Math.max(0, retryAfterMs);
    const previous = this.lastSlot.get(userId);
    const slot =
      previous === undefined
        ? earliest
        : Math.max(earliest, previous + this.spacingMs);
    this.lastSlot.delete(userId); // re-insert: the map stays in planning order
    this.lastSlot.set(userId, slot);
    this.forgetPast(nowMs);
    return slot - nowMs;
  }

  /** Creators with a planned slot (for tests and metrics). */
  get size(): number {
    return this.lastSlot.size;
  }

  private forgetPast(nowMs: number) {
    if (this.lastSlot.size <= this.maxCreators) return;
    for (const [userId, slot] of this.lastSlot) {
      if (this.lastSlot.size <= this.maxCreators) break;
      // a slot long past plans nothing: the next copy starts from retryAfter
      if (slot + this.spacingMs > nowMs) continue;
      this.lastSlot.delete(userId);
    }
    // all slots still ahead: forget the oldest planned, at worst a re-deferral
    while (this.lastSlot.size > this.maxCreators) {
      const oldest = this.lastSlot.keys().next().value as string;
      this.lastSlot.delete(oldest);
    }
  }
}
