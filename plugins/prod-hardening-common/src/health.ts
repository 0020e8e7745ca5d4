/** Identifies one data source the backend depends on. */
export type SourceId = 'aws' | 'redis';

export type SourceState = 'up' | 'down';

export interface SourceHealth {
  id: SourceId;
  /** Human-readable name for banners, e.g. "AWS (us-east-1)". */
  label: string;
  state: SourceState;
  /** Round-trip time of the probe in milliseconds (also set when it failed). */
  latencyMs: number;
  /** Why the source is down, written for a person: set only when state is 'down'. */
  reason?: string;
  /** Source-specific facts, e.g. the AWS account id and region. */
  details?: Record<string, string>;
}

export interface HealthReport {
  /** 'ok' when every source is up, 'degraded' otherwise. The backend itself is serving. */
  status: 'ok' | 'degraded';
  checkedAt: string;
  sources: SourceHealth[];
}
