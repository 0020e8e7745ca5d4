/** The AI providers the seed names. Anything else is rejected before a write. */
export const AI_PROVIDERS = ['openai', 'azure'] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

/** The agents the seed names; other agent names are accepted (services add agents). */
export const KNOWN_AGENTS = [
  'content',
  'chatbot',
  'marketing',
  'analytics',
] as const;

export const ALERT_TYPES = [
  'budget_threshold',
  'anomaly',
  'daily_limit',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface CostTableNames {
  /** Ledger entries and daily rollups. */
  aiCosts: string;
  /** Budget, anomaly and daily-limit alerts. */
  costAlerts: string;
}

/** The seed's table names; every constructor and helper lets you override them. */
export const DEFAULT_TABLE_NAMES: Readonly<CostTableNames> = Object.freeze({
  aiCosts: 'huntaze-ai-costs-production',
  costAlerts: 'huntaze-cost-alerts-production',
});

/** Seed: "TTL: 90 days retention" for cost entries. */
export const COST_RETENTION_DAYS = 90;
/** Seed: "ttl (Number): epoch seconds (30 days)" for alerts. */
export const ALERT_RETENTION_DAYS = 30;

/** DynamoDB's hard limit of put/delete requests in one BatchWriteItem call. */
export const MAX_BATCH_WRITE_ITEMS = 25;

/** Global secondary indexes. Key attributes are listed in README.md. */
export const INDEXES = {
  /** aiCosts: `provider` (HASH) + `timestamp` (RANGE), ledger entries only. */
  byProvider: 'byProvider',
  /** aiCosts: `agent` (HASH) + `timestamp` (RANGE), ledger entries only. */
  byAgent: 'byAgent',
  /** aiCosts: `date` (HASH) + `timestamp` (RANGE), ledger entries only. */
  byDate: 'byDate',
  /** costAlerts: `alertType` (HASH) + `createdAt` (RANGE). */
  byAlertType: 'byAlertType',
} as const;

/** The item attribute DynamoDB TTL is enabled on, in both tables. */
export const TTL_ATTRIBUTE = 'ttl';

/** `recordType` values in the aiCosts table. */
export const RECORD_TYPES = {
  entry: 'ENTRY',
  rollup: 'ROLLUP',
  /** Marks an entryId as recorded (see `entryIdMarkerKey`). */
  entryIdMarker: 'ENTRY_ID',
} as const;

/** DynamoDB's limit of actions in one TransactWriteItems call. */
export const MAX_TRANSACT_ITEMS = 100;
