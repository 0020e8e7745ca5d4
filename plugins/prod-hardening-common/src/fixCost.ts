/**
 * What a remediation adds to the monthly bill, estimated from the AWS Price List and
 * the account's own usage where it can be read. Shown in the preview and to approvers.
 */
export interface FixCost {
  /**
   * The estimated change of the monthly bill in USD: positive when the fix adds cost,
   * negative when it saves (e.g. logs that stop being kept forever), 0 when the change
   * is free, null when it could not be estimated (see `unknownReason`).
   */
  monthlyUsd: number | null;
  currency: 'USD';
  /** What the estimate rests on, one sentence each: usage read or assumed, unit prices. */
  assumptions: string[];
  /** Why there is no estimate, e.g. "pricing could not be read: AccessDenied". */
  unknownReason?: string;
  source: 'aws-price-list';
}

/** The sources of a fix cost, for schemas. */
export const FIX_COST_SOURCES = ['aws-price-list'] as const;
