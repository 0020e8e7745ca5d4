import type { Runbook, RunbookSummary } from './schema/openapi';

/**
 * The on-call runbooks (docs/runbooks in the repository), served by the backend and
 * opened in the portal with `?runbook=<id>` on any tab.
 */

export const RUNBOOK_IDS = {
  elastiCacheMigration: 'elasticache-migration',
  rateLimiter: 'rate-limiter',
  costAlerts: 'cost-alerts',
  securityIncident: 'security-incident',
} as const;

export type RunbookId = (typeof RUNBOOK_IDS)[keyof typeof RUNBOOK_IDS] | string;

/** A runbook's id and title (the first heading of the file). */
export type { RunbookSummary };

/** A runbook as written, GitHub-flavoured Markdown. */
export type { Runbook };

/** Where a runbook applies, from the posture side: the checks whose failure it handles. */
const RUNBOOK_BY_CHECK: Record<string, string> = {
  'elasticache-encryption': RUNBOOK_IDS.elastiCacheMigration,
};

/**
 * The runbook for a failing check or a finding: ElastiCache's migration for the
 * encryption check; security incident response for anything HIGH or CRITICAL.
 */
export function runbookFor(options: {
  checkId?: string;
  severity?: string;
}): string | undefined {
  if (options.checkId && RUNBOOK_BY_CHECK[options.checkId]) {
    return RUNBOOK_BY_CHECK[options.checkId];
  }
  if (options.severity === 'HIGH' || options.severity === 'CRITICAL') {
    return RUNBOOK_IDS.securityIncident;
  }
  return undefined;
}
