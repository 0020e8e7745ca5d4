import type {
  AiProvider,
  AlertSeverity,
  AlertType,
  RECORD_TYPES,
} from './constants';

/** One ledger entry as stored in the aiCosts table. */
export interface CostLedgerEntry {
  pk: string;
  sk: string;
  recordType: typeof RECORD_TYPES.entry;
  entryId: string;
  /** `YYYY-MM-DD`, UTC day of `timestamp`. */
  date: string;
  /** ISO 8601 with milliseconds, UTC. */
  timestamp: string;
  provider: AiProvider;
  agent: string;
  /** The seed's `type`. */
  model: string;
  amountMicros: number;
  inputTokens: number;
  outputTokens: number;
  /** inputTokens + outputTokens (the seed's `tokens`). */
  tokens: number;
  requests: number;
  /** Epoch seconds: timestamp + 90 days. */
  ttl: number;
}

/** Per day, provider, agent and model: the sums of that day's entries. Never expires. */
export interface DailyRollup {
  pk: string;
  sk: string;
  recordType: typeof RECORD_TYPES.rollup;
  date: string;
  provider: AiProvider;
  agent: string;
  model: string;
  amountMicros: number;
  inputTokens: number;
  outputTokens: number;
  tokens: number;
  requests: number;
  entryCount: number;
  updatedAt: string;
}

/** One row of the cost-alerts table. */
export interface CostAlert {
  pk: string;
  /** `YYYY-MM-DDTHH:mm:ssZ` (seed). */
  sk: string;
  alertId: string;
  alertType: AlertType;
  severity: AlertSeverity;
  message: string;
  amountMicros: number;
  thresholdMicros: number;
  /** Whether the SNS notification went out. */
  notified: boolean;
  notifyAttempts: number;
  notifiedAt?: string;
  snsMessageId?: string;
  lastNotifyError?: string;
  /** Same value as `sk`; the range key of the byAlertType index. */
  createdAt: string;
  /** Epoch seconds: createdAt + 30 days. */
  ttl: number;
}
