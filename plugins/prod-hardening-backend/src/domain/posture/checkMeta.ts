import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';

/**
 * What a check is, independent of any evaluation. Its own module, so each check's
 * `meta.ts` and the catalog that lists them both import it without importing each other.
 */
export type CheckMeta = Pick<
  CheckResult,
  'id' | 'title' | 'pillar' | 'control' | 'severity' | 'remediation'
>;
