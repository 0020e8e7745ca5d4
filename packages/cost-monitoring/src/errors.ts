export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `amountUsd` or `entries[3].provider`. */
  field: string;
  message: string;
}

/**
 * Input that cannot be recorded (negative or non-finite amount, unknown provider,
 * malformed date, ...). Thrown before any request is sent, so nothing is written.
 */
export class CostValidationError extends Error {
  /** The first offending field. */
  readonly field: string;
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    const list = issues.map(i => `${i.field}: ${i.message}`).join('; ');
    super(`Invalid cost-monitoring input: ${list}`);
    this.name = 'CostValidationError';
    this.issues = issues;
    this.field = issues[0]?.field ?? '';
  }

  static of(field: string, message: string): CostValidationError {
    return new CostValidationError([{ field, message }]);
  }
}

/** Some ledger entries were still unprocessed after every BatchWriteItem retry. */
export class CostLedgerWriteError extends Error {
  /** Entries that were not written; re-sending them is safe (writes are idempotent puts). */
  readonly unprocessedEntryIds: string[];

  constructor(unprocessedEntryIds: string[], attempts: number) {
    super(
      `${unprocessedEntryIds.length} ledger entries still unprocessed after ${attempts} write attempts`,
    );
    this.name = 'CostLedgerWriteError';
    this.unprocessedEntryIds = unprocessedEntryIds;
  }
}

/**
 * Entries were stored, but adding them to their daily rollups failed after every retry.
 * The additions are kept with their flush id and sent again first by the next flush
 * (or `flush()`), so they are counted once; if this process stops before that,
 * `rebuildDailyRollups` repairs the day. Do not resend the entries.
 */
export class CostRollupUpdateError extends Error {
  /** Rollup items (`YYYY-MM-DD#provider#agent#model`) whose addition is still pending. */
  readonly rollupKeys: string[];

  constructor(rollupKeys: string[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `entries stored, but adding them to the daily rollups ${rollupKeys.join(
        ', ',
      )} failed (${reason}); the addition is retried by the next flush`,
      { cause },
    );
    this.name = 'CostRollupUpdateError';
    this.rollupKeys = rollupKeys;
  }
}
