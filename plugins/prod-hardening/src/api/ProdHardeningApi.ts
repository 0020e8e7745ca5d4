import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalStatus,
  AnomalyFeedback,
  AnomalyFeedbackRequest,
  CreateExemptionRequest,
  Exemption,
  ExemptionFilters,
  EntitySummary,
  Runbook,
  RunbookSummary,
  SuccessMetricsReport,
  FinOpsOptimisation,
  FinOpsOverview,
  FindingDetail,
  FindingsPage,
  GuidedRunbook,
  HealthReport,
  PostureReport,
  PostureTrendPoint,
  RemediationHistoryEntry,
  RemediationPlan,
  RemediationResult,
  Severity,
  ThrottlingOverview,
  DlqRedriveResult,
  DlqRedriveStatus,
  WeeklyReviewReport,
} from '@prod-hardening/plugin-prod-hardening-common';

/** A catalog entity by kind, namespace and name. */
export interface EntityReference {
  kind: string;
  namespace: string;
  name: string;
}

export interface FindingsRequest {
  severity?: Severity[];
  product?: string[];
  search?: string;
  sort?: 'severity' | 'lastSeen' | 'title' | 'product';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** What the frontend asks of the prod-hardening backend. */
export interface ProdHardeningApi {
  getHealth(): Promise<HealthReport>;
  getPosture(options?: { refresh?: boolean }): Promise<PostureReport>;
  getPostureTrend(days: 7 | 30 | 90): Promise<PostureTrendPoint[]>;
  getFindings(request: FindingsRequest): Promise<FindingsPage>;
  previewRemediation(
    checkId: string,
    override: boolean,
  ): Promise<RemediationPlan>;
  /** `reason` (optional) is kept with the attempt in the remediation history. */
  executeRemediation(
    planId: string,
    reason?: string,
  ): Promise<RemediationResult>;
  /** The runbook of a guided remediation for one of the check's resources (default: the first failing). */
  getGuidedRemediation(
    checkId: string,
    resourceId?: string,
  ): Promise<GuidedRunbook>;
  /** One finding with the posture check it maps to. */
  getFinding(id: string): Promise<FindingDetail>;
  getRemediationHistory(checkId?: string): Promise<RemediationHistoryEntry[]>;
  /** Budget, forecasts, costs, anomalies and alerts; never triggers a Cost Explorer call. */
  getFinOpsOverview(): Promise<FinOpsOverview>;
  /** The seed's savings targets and Trusted Advisor's cost checks, as last refreshed. */
  getFinOpsOptimisation(): Promise<FinOpsOptimisation>;
  getWeeklyReview(): Promise<WeeklyReviewReport>;
  /** The seed's success metrics, each with its target and status. */
  getSuccessMetrics(): Promise<SuccessMetricsReport>;
  /** One catalog entity's posture, cost and throttling (Systems and Groups roll up). */
  getEntitySummary(entity: EntityReference): Promise<EntitySummary>;
  listRunbooks(): Promise<RunbookSummary[]>;
  getRunbook(id: string): Promise<Runbook>;
  /** Limiter counters, latency, busiest creators, fallback, limits (Redis) and the DLQ (SQS). */
  getThrottlingOverview(minutes?: number): Promise<ThrottlingOverview>;
  /** Moves the rate limiter's dead-lettered messages back to its queue (needs the remediation permission). */
  /**
   * Moves the rate limiter's dead-lettered messages back to its queue (needs the
   * remediation permission): at most `maxMessages` now, or without a bound every
   * message through SQS's move task (outcome `running`, followed by the status).
   */
  redriveDeadLetterQueue(maxMessages?: number): Promise<DlqRedriveResult>;
  /** The latest redrive: running, completed or failed, with the move task's progress. */
  getDeadLetterQueueRedriveStatus(): Promise<DlqRedriveStatus>;
  /** The weekly review as a file, with the name the backend gives it. */
  downloadWeeklyReview(
    format: WeeklyReviewDownloadFormat,
  ): Promise<DownloadedFile>;
  /** Four-eyes approval requests, newest first, with what the caller may do. */
  listApprovals(status?: ApprovalStatus): Promise<ApprovalRequest[]>;
  /** Asks the approver groups to approve a previewed plan that needs approval. */
  requestApproval(planId: string, reason: string): Promise<ApprovalRequest>;
  decideApproval(
    id: string,
    decision: ApprovalDecision,
    comment?: string,
  ): Promise<ApprovalRequest>;

  /** Exemptions (accepted risks), newest first. */
  listExemptions(filters?: ExemptionFilters): Promise<Exemption[]>;
  /** Needs prod-hardening.exemption.create. */
  createExemption(request: CreateExemptionRequest): Promise<Exemption>;
  /** Needs prod-hardening.exemption.create. */
  revokeExemption(id: string): Promise<Exemption>;
  /** The filtered exemptions as CSV, for the audit. */
  downloadExemptions(filters?: ExemptionFilters): Promise<DownloadedFile>;
  /**
   * Answers a cost anomaly (needs prod-hardening.finops.feedback); an AWS anomaly's
   * answer is also sent to Cost Anomaly Detection. Resolves to the recorded answer.
   */
  provideAnomalyFeedback(
    request: AnomalyFeedbackRequest,
  ): Promise<AnomalyFeedback>;
}

export type WeeklyReviewDownloadFormat = 'csv' | 'md';

export interface DownloadedFile {
  filename: string;
  blob: Blob;
}

export const prodHardeningApiRef = createApiRef<ProdHardeningApi>({
  id: 'plugin.prod-hardening.service',
});
