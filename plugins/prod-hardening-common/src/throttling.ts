/**
 * Throttling wire types: what the backend reads from the rate limiter's Redis metrics
 * and its dead-letter queue, and what the Throttling tab renders.
 *
 * Times are ISO 8601 strings (UTC); durations are milliseconds unless the name says
 * otherwise. A minute is the one starting at `minute` (the limiter's epoch-minute keys).
 */

import type { DeadLetterQueueStatus } from './schema/openapi';

/**
 * The wire types are the contract's (openapi.yaml, components ThrottlingOverview,
 * DlqRedriveResult, DlqRedriveStatus and their parts); the descriptions live there.
 */
export type {
  BusyCreator,
  DeadLetterQueueStatus,
  DlqRedriveMethod,
  DlqRedriveResult,
  DlqRedriveStatus,
  FallbackStatus,
  LatencySummary,
  LimitsInForce,
  RateLimiterMetrics,
  ThrottlingCounters,
  ThrottlingMinute,
  ThrottlingOverview,
  Unavailable,
} from './schema/openapi';

/** How the age of the DLQ's oldest message was found. */
export type OldestMessageAgeSource = NonNullable<
  DeadLetterQueueStatus['ageSource']
>;

/** SQS's move task runs at this many messages per second (the limiter drains them slowly anyway). */
export const DLQ_MOVE_TASK_MESSAGES_PER_SECOND = 10;

/**
 * Message attributes the rate limiter uses to count deferrals and failed deliveries
 * across copies of a message (lambdas/rate-limiter `DEFERRALS_ATTRIBUTE`,
 * `FAILED_ATTEMPTS_ATTRIBUTE`). A bounded redrive drops them, so a redriven message
 * starts fresh instead of going straight back to the DLQ.
 */
export const LIMITER_BOOKKEEPING_ATTRIBUTES: readonly string[] = [
  'deferrals',
  'failed-attempts',
];

/** The history rows of DLQ redrives use this pseudo check id. */
export const DLQ_REDRIVE_HISTORY_ID = 'sqs-dlq-redrive';

/** Upper bound of messages one bounded redrive moves. */
export const DLQ_REDRIVE_MAX_MESSAGES = 1000;
