import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { RemediationOutcome } from '@prod-hardening/plugin-prod-hardening-common';

/** An attempt's recorded outcome once it ended (a history row is "in-progress" before). */
export type FinalOutcome = Exclude<RemediationOutcome, 'in-progress'>;

type ErrorClass = new (message: string) => Error;

/**
 * Why a change can be refused, each with the outcome its history row records and the
 * HTTP error the person gets. The pairs are not one-to-one (a plan previewed by
 * someone else is a rejected request answered 409), so services name the reason and
 * this table alone decides both.
 */
const REFUSALS = {
  /** The thing to change does not exist: 404. */
  'not-found': { outcome: 'rejected', error: NotFoundError },
  /** The request cannot be carried out as asked: 400. */
  invalid: { outcome: 'rejected', error: InputError },
  /** It was prepared by another person, who must ask themselves: 409. */
  'not-yours': { outcome: 'rejected', error: ConflictError },
  /** Another attempt, an earlier use, an expiry or an exemption is in the way: 409. */
  conflict: { outcome: 'conflict', error: ConflictError },
  /** The resource changed since the person saw it: 409. */
  stale: { outcome: 'stale', error: ConflictError },
  /** The person may not do this: 403. */
  denied: { outcome: 'denied', error: NotAllowedError },
  /** AWS refused the change and nothing was done: a failed attempt, answered 409. */
  'aws-refused': { outcome: 'failed', error: ConflictError },
} as const satisfies Record<
  string,
  { outcome: FinalOutcome; error: ErrorClass }
>;

export type RefusalKind = keyof typeof REFUSALS;

/** The history outcome and the error to answer for a refusal. */
export function refusalOf(
  kind: RefusalKind,
  message: string,
): { outcome: FinalOutcome; error: Error } {
  const { outcome, error: ErrorOfKind } = REFUSALS[kind];
  return { outcome, error: new ErrorOfKind(message) };
}

/** The outcome recorded for an error that ends an attempt (thrown, not a refusal). */
export function outcomeOfError(err: unknown): FinalOutcome {
  switch ((err as Error | undefined)?.name) {
    case 'ServiceUnavailableError':
      return 'unavailable';
    case 'AuthenticationError':
    case 'NotAllowedError':
      return 'denied';
    case 'ConflictError':
      return 'conflict';
    case 'NotFoundError':
    case 'InputError':
      return 'rejected';
    default:
      return 'failed';
  }
}
