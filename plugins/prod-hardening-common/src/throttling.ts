/**
 * Throttling wire types: what the backend reads from the rate limiter's Redis metrics
 * and its dead-letter queue, and what the Throttling tab renders.
 *
 * Times are ISO 8601 strings (UTC); durations are milliseconds unless the name says
 * otherwise. A minute is the one starting at `minute` (the limiter's epoch-minute keys).
 */

/** The limiter's per-minute counters, as named on the wire. */
export interface ThrottlingCounters {
  /** Limiter decisions that allowed a send. */
  allowed: number;
  /** Limiter decisions that denied a send (the creator was over the limit). */
  throttled: number;
  /** Messages put back on the queue to wait for a token (limiter or API 429). */
  deferred: number;
  /** Messages the messaging API accepted. */
  sent: number;
  /** Delivery attempts the messaging API failed (any error). */
  failed: number;
  deadLettered: number;
  /** Decisions made by the in-memory fallback while Redis was unreachable. */
  fallback: number;
  /** Repeats of an already delivered producer messageId. */
  duplicate: number;
  /** Bodies that failed validation. */
  invalid: number;
  /** Times the messaging API itself answered 429. */
  apiThrottled: number;
}

/** One minute of the limiter's activity. */
export interface ThrottlingMinute extends ThrottlingCounters {
  /** Start of the minute. */
  minute: string;
  /** Decisions timed in this minute (the latency histogram's count). */
  decisions: number;
  /** Upper bound of the histogram bucket holding the median; null without decisions. */
  p50Ms: number | null;
  p99Ms: number | null;
}

/** Decision latency over the whole window, from the limiter's histogram. */
export interface LatencySummary {
  decisions: number;
  /**
   * Upper bounds of the histogram buckets holding the 50th / 99th percentile (the
   * histogram cannot be more precise); null without decisions, and for a percentile in
   * the open-ended last bucket, `overMs` says the lower bound instead.
   */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Set when the percentile is above the last finite bucket bound. */
  p99OverMs?: number;
  /** Mean from the exact sum of latencies. */
  meanMs: number | null;
}

/** A creator with the most decisions in the window, and its bucket right now. */
export interface BusyCreator {
  userId: string;
  /** Limiter decisions for this creator in the window. */
  decisions: number;
  /** Tokens in the bucket now (read without consuming one). */
  tokensAvailable: number;
  /** Allowed sends inside the rolling window ending now. */
  sendsInWindow: number;
  /** 0 when a send now would be allowed. */
  retryAfterMs: number;
  /** When the next send is allowed (now when it already is). */
  nextAllowedAt: string;
}

/** The limits the Lambda runs with, as it recorded them at start-up. */
export interface LimitsInForce {
  capacity: number;
  refillIntervalMs: number;
  windowLimit: number;
  windowMs: number;
  maxConcurrency?: number;
  fallbackWarmupMs?: number;
  /** When a Lambda instance last recorded them. */
  updatedAt?: string;
}

/** The in-memory fallback flag the Lambda keeps in Redis. */
export interface FallbackStatus {
  /** True while an instance decides without Redis (and can still write this flag). */
  active: boolean;
  /** Start of the current or last episode. */
  since?: string;
  /** End of the last episode. */
  endedAt?: string;
  reason?: string;
  instance?: string;
  /** Decisions made by the fallback inside the window (known once Redis is back). */
  decisionsInWindow: number;
}

/** Everything the tab shows that comes from Redis. */
export interface RateLimiterMetrics {
  /** Oldest first, one entry per minute of the window (empty minutes are zeros). */
  minutes: ThrottlingMinute[];
  totals: ThrottlingCounters;
  latency: LatencySummary;
  creators: BusyCreator[];
  fallback: FallbackStatus;
  /** Null until a Lambda instance has recorded its limits. */
  limits: LimitsInForce | null;
}

/** How the age of the DLQ's oldest message was found. */
export type OldestMessageAgeSource =
  /** CloudWatch's ApproximateAgeOfOldestMessage (real AWS; a few minutes behind). */
  | 'cloudwatch'
  /** The oldest SentTimestamp among up to 10 messages sampled without deleting them. */
  | 'sample'
  /** The queue is empty. */
  | 'empty';

export interface DeadLetterQueueStatus {
  queueName: string;
  /** Messages waiting (ApproximateNumberOfMessages). */
  depth: number;
  /** Messages received but not deleted yet (ApproximateNumberOfMessagesNotVisible). */
  inFlight: number;
  /** Seconds; null when no method gave an answer (see `ageReason`). */
  oldestAgeSeconds: number | null;
  ageSource?: OldestMessageAgeSource;
  /** Why the age is unknown. */
  ageReason?: string;
  readAt: string;
}

/** A part of the page that could not be read, and why. */
export interface Unavailable {
  state: 'unavailable';
  reason: string;
}

export interface ThrottlingOverview {
  generatedAt: string;
  windowMinutes: number;
  redis: ({ state: 'ok' } & RateLimiterMetrics) | Unavailable;
  dlq: ({ state: 'ok' } & DeadLetterQueueStatus) | Unavailable;
}

/** How a redrive moved the messages. */
export type DlqRedriveMethod =
  /** SQS StartMessageMoveTask: AWS moves every message in the background, at a set rate. */
  | 'message-move-task'
  /** Receive → send to the queue → delete only what was sent, up to the bound. */
  | 'bounded-move';

export interface DlqRedriveResult {
  /**
   * `running`: a move task was started and is still moving (see redrive-status);
   * `succeeded`/`failed`: a bounded move ended; `timed-out`: AWS did not answer within
   * the deadline, what moved is unknown until the history settles it.
   */
  outcome: 'succeeded' | 'failed' | 'running' | 'timed-out';
  method: DlqRedriveMethod;
  message: string;
  /** DLQ depth before the redrive. */
  depthBefore: number;
  /** Messages moved back (bounded move; the move task reports progress in redrive-status). */
  moved: number;
  /** Messages whose copy could not be sent: left in the DLQ. */
  notMoved: number;
  /** Copies sent whose original could not be deleted: delivered twice at most, deduplicated by messageId. */
  notDeleted: number;
  /** Move task handle (message-move-task only). */
  taskHandle?: string;
  historyId: string;
}

/**
 * The latest redrive of the rate limiter's DLQ: `idle` when none was ever made,
 * `running` while a bounded move or an SQS move task is under way, then how it ended.
 */
export interface DlqRedriveStatus {
  state: 'idle' | 'running' | 'completed' | 'failed' | 'timed-out';
  queueName: string;
  /** The history row of the redrive. */
  historyId?: string;
  method?: DlqRedriveMethod;
  startedAt?: string;
  actor?: string;
  message?: string;
  /** SQS's move task, when the endpoint lists move tasks. */
  task?: {
    taskHandle?: string;
    /** RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED, as SQS reports it. */
    status: string;
    moved: number;
    toMove?: number;
    maxPerSecond?: number;
    failureReason?: string;
  };
}

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
