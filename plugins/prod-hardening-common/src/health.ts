/** Identifies one data source the backend depends on. */
export type SourceId = 'aws' | 'redis';

export type SourceState = 'up' | 'down';

/** What anyone may know about a source, signed in or not: up or down. */
export interface SourceStatus {
  id: SourceId;
  state: SourceState;
}

/** A source as signed-in users see it: why it is down, the account, the latency. */
export interface SourceHealth extends SourceStatus {
  /** Human-readable name for banners, e.g. "AWS (us-east-1)". */
  label: string;
  /** Round-trip time of the probe in milliseconds (also set when it failed). */
  latencyMs: number;
  /** Why the source is down, written for a person: set only when state is 'down'. */
  reason?: string;
  /** Source-specific facts, e.g. the AWS account id and region. */
  details?: Record<string, string>;
}

/**
 * GET /health without a signed-in user (load balancers, monitors): the overall status
 * and up/down per source, nothing about the account, the roles or the errors.
 */
export interface HealthSummary {
  /** 'ok' when every source is up, 'degraded' otherwise. The backend itself is serving. */
  status: 'ok' | 'degraded';
  /** When the sources were probed; the probe is shared for up to 30 s. */
  checkedAt: string;
  sources: SourceStatus[];
}

/** GET /health for a signed-in user: the summary with each source's details. */
export interface HealthReport extends HealthSummary {
  sources: SourceHealth[];
}
