/**
 * Exemptions: an accepted risk on one item, with a justification and an expiry. An
 * exempted item still shows; it is left out of the "score with exemptions" and cannot
 * be remediated while the exemption is active.
 */

/** A posture check on one of its resources, or one Security Hub finding. */
export type ExemptionKind = 'check' | 'finding';

/** Revoked wins over expired: a revoked exemption stays revoked after its expiry. */
export type ExemptionStatus = 'active' | 'expired' | 'revoked';

export const EXEMPTION_STATUSES: readonly ExemptionStatus[] = [
  'active',
  'expired',
  'revoked',
];

/** The default (and configurable) longest an exemption may last. */
export const DEFAULT_EXEMPTION_MAX_DAYS = 90;

/**
 * The shortest justification, for the form's hint; the bounds themselves are in
 * the contract (ExemptionJustification in openapi.yaml).
 */
export const EXEMPTION_JUSTIFICATION_MIN_CHARS = 10;

/** The workflow statuses a finding can be returned to when its exemption ends. */
export type RestorableWorkflowStatus = 'NEW' | 'NOTIFIED';

export interface Exemption {
  id: string;
  kind: ExemptionKind;
  /** The check (kind "check"), or the finding's control when it has one. */
  checkId?: string;
  /** The check's resource, or the finding's resource. */
  resourceId: string;
  /** The Security Hub finding id (kind "finding"). */
  findingId?: string;
  justification: string;
  /** ISO timestamp; the exemption stops applying at this instant. */
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  revokedBy?: string;
  revokedAt?: string;
  /** A finding's workflow status before it was suppressed, restored when the exemption ends. */
  previousWorkflowStatus?: RestorableWorkflowStatus;
  /** When the finding's workflow status was put back (revoke or expiry). */
  workflowRestoredAt?: string;
  /** Computed at read time from the clock. */
  status: ExemptionStatus;
}

/** POST /exemptions */
export type CreateExemptionRequest =
  | {
      kind: 'check';
      checkId: string;
      resourceId: string;
      justification: string;
      expiresAt: string;
    }
  | {
      kind: 'finding';
      findingId: string;
      justification: string;
      expiresAt: string;
    };

/** GET /exemptions filters. */
export interface ExemptionFilters {
  status?: ExemptionStatus;
  checkId?: string;
  /** Matches the resource id exactly. */
  resource?: string;
}
