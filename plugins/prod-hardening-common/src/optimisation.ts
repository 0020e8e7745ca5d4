/**
 * Cost-optimisation wire types: the seed's savings targets (VPC endpoints and DynamoDB
 * TTL) measured from Cost Explorer, and AWS Trusted Advisor's cost-optimisation checks.
 * Money in integer micro-dollars, days `YYYY-MM-DD` (see finops.ts).
 */

/** The wire types are the contract's (openapi.yaml: FinOpsOptimisation and its parts). */
export type {
  FinOpsOptimisation,
  SavingsTarget,
  SavingsTargetId,
  SavingsTargetStatus,
  SavingsWindow,
  TrustedAdvisorCheckStatus,
  TrustedAdvisorCostCheck,
  TrustedAdvisorReport,
} from './schema/openapi';
