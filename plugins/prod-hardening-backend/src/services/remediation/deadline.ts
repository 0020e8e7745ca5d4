/** How long a change route may take before it answers "timed out" (prodHardening.remediation.deadlineMs). */
export const DEFAULT_DEADLINE_MS = 60_000;

/** A change's deadline and the answer it gives when the deadline passes. */
export interface AttemptDeadline<T> {
  ms: number;
  /** The answer "timed out, state unknown" for the attempt's history row. */
  answer: (timedOut: { historyId: string; message: string }) => T;
}

/** `work`'s value, or `{ done: false }` when `ms` passed first; `work`'s error is re-thrown. */
export async function raceDeadline<T>(
  work: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<{ done: false }>(resolve => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([
      work.then(value => ({ done: true as const, value })),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the deadline needs of an attempt (a ChangeAttempt): record the timeout, settle it later. */
export interface TimedAttempt {
  /** Records the attempt as timed out; resolves with the history row's id. */
  timeOut(message: string): Promise<string>;
  /** Keeps the lock until `work` ends and records how it ended. */
  continueInBackground(work: Promise<unknown>): void;
}

/**
 * Answers within the deadline whatever AWS does. Past it, the attempt is recorded as
 * timed out (its row completed, its audit event failed with outcome `timed-out`), the
 * caller gets `deadline.answer`, and the work goes on in the background holding the
 * lock: it starts no new write, and when the call in flight ends, its outcome is
 * recorded as a new history row that settles the attempt (ChangeAttempt.end).
 */
export async function withinDeadline<T>(
  attempt: TimedAttempt,
  deadline: AttemptDeadline<T>,
  work: Promise<T>,
): Promise<T> {
  const raced = await raceDeadline(work, deadline.ms);
  if (raced.done) return raced.value;
  const message = `AWS did not answer within ${formatSeconds(
    deadline.ms,
  )}: the state is unknown. The call in flight may still complete; the history will show how it ended.`;
  const historyId = await attempt.timeOut(message);
  attempt.continueInBackground(work);
  return deadline.answer({ historyId, message });
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
