import { CHECK_MODULES } from '../../checks';

export type { CheckMeta } from './checkMeta';

type CheckModule = (typeof CHECK_MODULES)[number];

/**
 * The posture checks: the seed's security runbook plus the hygiene the hardening plan
 * asks for. Severities follow the seed's risk ranking (public S3 and unencrypted Redis
 * first), not only FSBP's defaults. Each entry is a check module's `meta`, keyed by its
 * id, in the order of CHECK_MODULES (src/checks/index.ts).
 */
export const CHECKS = Object.fromEntries(
  CHECK_MODULES.map(({ meta }) => [meta.id, meta]),
) as { readonly [C in CheckModule as C['meta']['id']]: C['meta'] };

/** A check's id. */
export type CheckKey = keyof typeof CHECKS;
