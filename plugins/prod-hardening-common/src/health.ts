import type {
  SourceStatus,
  SourceHealth,
  HealthSummary,
  HealthReport,
} from './schema/openapi';

/** Identifies one data source the backend depends on. */
export type SourceId = SourceStatus['id'];

export type SourceState = SourceStatus['state'];

/** What anyone may know about a source, signed in or not: up or down. */
export type { SourceStatus };

/** A source as signed-in users see it: why it is down, the account, the latency. */
export type { SourceHealth };

/**
 * GET /health without a signed-in user (load balancers, monitors): the overall status
 * and up/down per source, nothing about the account, the roles or the errors.
 */
export type { HealthSummary };

/** GET /health for a signed-in user: the summary with each source's details. */
export type { HealthReport };
