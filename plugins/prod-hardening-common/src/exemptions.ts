import type { Exemption } from './schema/openapi';
import type { JsonRequestBody, QueryParameters } from './contract';

/**
 * Exemptions: an accepted risk on one item, with a justification and an expiry. An
 * exempted item still shows; it is left out of the "score with exemptions" and cannot
 * be remediated while the exemption is active.
 */

/** A posture check on one of its resources, or one Security Hub finding. */
export type ExemptionKind = Exemption['kind'];

/** Revoked wins over expired: a revoked exemption stays revoked after its expiry. */
export type ExemptionStatus = Exemption['status'];

export const EXEMPTION_STATUSES: readonly ExemptionStatus[] = [
  'active',
  'expired',
  'revoked',
];

/** The default (and configurable) longest an exemption may last. */
export const DEFAULT_EXEMPTION_MAX_DAYS = 90;

/** The shortest justification (the contract's ExemptionJustification), for the form's hint. */
export const EXEMPTION_JUSTIFICATION_MIN_CHARS = 10;

/** The workflow statuses a finding can be returned to when its exemption ends. */
export type RestorableWorkflowStatus = NonNullable<
  Exemption['previousWorkflowStatus']
>;

/**
 * One exemption. `checkId` is the check (kind "check") or the finding's control when it
 * has one; `findingId` the Security Hub finding (kind "finding"); `expiresAt` the instant
 * it stops applying; `previousWorkflowStatus` a finding's status before it was
 * suppressed, put back (at `workflowRestoredAt`) when the exemption ends; `status` is
 * computed at read time from the clock.
 */
export type { Exemption };

/** POST /exemptions: a check on one of its resources, or one finding. */
export type CreateExemptionRequest = JsonRequestBody<'createExemption'>;

/** GET /exemptions filters (`resource` matches the resource id exactly). */
export type ExemptionFilters = Omit<
  QueryParameters<'listExemptions'>,
  'format'
>;
