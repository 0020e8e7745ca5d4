import type { BusyCreator } from '@prod-hardening/plugin-prod-hardening-common';

/** `ZREVRANGE … WITHSCORES` of one minute: member, score, member, score, … */
export type ZsetReply = string[];

/**
 * The busiest creators over several minutes from each minute's top entries. A creator
 * that was never in any minute's top list is not counted, so with per-minute tops of
 * N the result is exact for anyone who was among the N busiest in every minute they
 * were active; ties are broken by user id for a stable table.
 */
export function mergeBusiestCreators(
  perMinute: ZsetReply[],
  limit: number,
): { userId: string; decisions: number }[] {
  const totals = new Map<string, number>();
  for (const reply of perMinute) {
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const score = Number(reply[i + 1]);
      if (!Number.isFinite(score) || score <= 0) continue;
      totals.set(reply[i], (totals.get(reply[i]) ?? 0) + score);
    }
  }
  return [...totals]
    .map(([userId, decisions]) => ({ userId, decisions }))
    .sort(
      (a, b) => b.decisions - a.decisions || a.userId.localeCompare(b.userId),
    )
    .slice(0, limit);
}

/** What the limiter's peek says about one creator at `nowMs`. */
export interface CreatorPeek {
  tokensAvailable: number;
  sendsInWindow: number;
  retryAfter: number;
}

export function busyCreator(
  creator: { userId: string; decisions: number },
  peek: CreatorPeek,
  nowMs: number,
): BusyCreator {
  return {
    ...creator,
    tokensAvailable: peek.tokensAvailable,
    sendsInWindow: peek.sendsInWindow,
    retryAfterMs: peek.retryAfter,
    nextAllowedAt: new Date(nowMs + peek.retryAfter).toISOString(),
  };
}
