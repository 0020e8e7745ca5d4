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
