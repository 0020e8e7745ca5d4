/**
 * What the checks of one evaluation share: its clock, and reads that several checks
 * need (a table's backups and TTL feed two checks) made once per evaluation. Nothing
 * outlives the evaluation, so every report reads the account afresh.
 */
export interface EvaluationContext {
  now: Date;
  /** The result of `read` for `key`, calling it at most once in this evaluation. */
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

export function createEvaluationContext(now: Date): EvaluationContext {
  const reads = new Map<string, Promise<unknown>>();
  return {
    now,
    once<T>(key: string, read: () => Promise<T>): Promise<T> {
      let pending = reads.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = read();
        reads.set(key, pending);
      }
      return pending;
    },
  };
}
