import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  FinOpsOptimisation,
  Runbook,
  RunbookSummary,
  SuccessMetricsReport,
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
  ThrottlingOverview,
  DlqRedriveResult,
  DlqRedriveStatus,
  WeeklyReviewReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { PROD_HARDENING_PLUGIN_ID } from '@prod-hardening/plugin-prod-hardening-common';
import type {
  DownloadedFile,
  EntityReference,
  FindingsRequest,
  ProdHardeningApi,
  WeeklyReviewDownloadFormat,
} from './ProdHardeningApi';

/** Talks to /api/prod-hardening with the signed-in user's token (fetchApi adds it). */
export class ProdHardeningClient implements ProdHardeningApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getHealth(): Promise<HealthReport> {
    return this.get<HealthReport>('/health');
  }

  getPosture(options: { refresh?: boolean } = {}): Promise<PostureReport> {
    return this.get<PostureReport>(
      '/posture',
      options.refresh ? { refresh: 'true' } : {},
    );
  }

  async getPostureTrend(days: 7 | 30 | 90): Promise<PostureTrendPoint[]> {
    const body = await this.get<{ points: PostureTrendPoint[] }>(
      '/posture/trend',
      {
        days: String(days),
      },
    );
    return body.points;
  }

  getFindings(request: FindingsRequest): Promise<FindingsPage> {
    const params: Record<string, string> = {};
    if (request.severity?.length) params.severity = request.severity.join(',');
    if (request.product?.length) params.product = request.product.join(',');
    if (request.search) params.search = request.search;
    if (request.sort) params.sort = request.sort;
    if (request.order) params.order = request.order;
    if (request.page !== undefined) params.page = String(request.page);
    if (request.pageSize !== undefined)
      params.pageSize = String(request.pageSize);
    return this.get<FindingsPage>('/findings', params);
  }

  previewRemediation(
    checkId: string,
    override: boolean,
  ): Promise<RemediationPlan> {
    return this.post<RemediationPlan>('/remediations/preview', {
      checkId,
      override,
    });
  }

  executeRemediation(
    planId: string,
    reason?: string,
  ): Promise<RemediationResult> {
    return this.post<RemediationResult>('/remediations/execute', {
      planId,
      ...(reason ? { reason } : {}),
    });
  }

  getGuidedRemediation(
    checkId: string,
    resourceId?: string,
  ): Promise<GuidedRunbook> {
    return this.get<GuidedRunbook>(
      `/remediations/guided/${encodeURIComponent(checkId)}`,
      resourceId ? { resource: resourceId } : {},
    );
  }

  getFinding(id: string): Promise<FindingDetail> {
    // Finding ids are ARNs with slashes: one encoded path segment.
    return this.get<FindingDetail>(`/findings/${encodeURIComponent(id)}`);
  }

  async getRemediationHistory(
    checkId?: string,
  ): Promise<RemediationHistoryEntry[]> {
    const body = await this.get<{ items: RemediationHistoryEntry[] }>(
      '/remediations/history',
      checkId ? { checkId } : {},
    );
    return body.items;
  }

  getFinOpsOverview(): Promise<FinOpsOverview> {
    return this.get<FinOpsOverview>('/finops/overview');
  }

  getFinOpsOptimisation(): Promise<FinOpsOptimisation> {
    return this.get<FinOpsOptimisation>('/finops/optimisation');
  }

  getThrottlingOverview(minutes?: number): Promise<ThrottlingOverview> {
    return this.get<ThrottlingOverview>(
      '/throttling/overview',
      minutes === undefined ? {} : { minutes: String(minutes) },
    );
  }

  redriveDeadLetterQueue(maxMessages?: number): Promise<DlqRedriveResult> {
    return this.post<DlqRedriveResult>(
      '/throttling/dlq/redrive',
      maxMessages === undefined ? {} : { maxMessages },
    );
  }

  getDeadLetterQueueRedriveStatus(): Promise<DlqRedriveStatus> {
    return this.get<DlqRedriveStatus>('/throttling/dlq/redrive-status');
  }

  getEntitySummary(entity: EntityReference): Promise<EntitySummary> {
    const part = (value: string) => encodeURIComponent(value.toLowerCase());
    return this.get<EntitySummary>(
      `/entities/${part(entity.kind)}/${part(
        entity.namespace,
      )}/${encodeURIComponent(entity.name)}/summary`,
    );
  }

  getSuccessMetrics(): Promise<SuccessMetricsReport> {
    return this.get<SuccessMetricsReport>('/success-metrics');
  }

  async listRunbooks(): Promise<RunbookSummary[]> {
    return (await this.get<{ items: RunbookSummary[] }>('/runbooks')).items;
  }

  getRunbook(id: string): Promise<Runbook> {
    return this.get<Runbook>(`/runbooks/${encodeURIComponent(id)}`);
  }

  getWeeklyReview(): Promise<WeeklyReviewReport> {
    return this.get<WeeklyReviewReport>('/finops/weekly-review');
  }

  async downloadWeeklyReview(
    format: WeeklyReviewDownloadFormat,
  ): Promise<DownloadedFile> {
    const response = await this.fetch('/finops/weekly-review', { format });
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `finops-weekly-review.${format}`;
    return { filename, blob: await response.blob() };
  }

  async listExemptions(filters: ExemptionFilters = {}): Promise<Exemption[]> {
    const body = await this.get<{ items: Exemption[] }>(
      '/exemptions',
      exemptionParams(filters),
    );
    return body.items;
  }

  async listApprovals(status?: ApprovalStatus): Promise<ApprovalRequest[]> {
    const query = status ? `?status=${encodeURIComponent(status)}` : '';
    return (
      await this.get<{ items: ApprovalRequest[] }>(
        `/remediations/approvals${query}`,
      )
    ).items;
  }

  requestApproval(planId: string, reason: string): Promise<ApprovalRequest> {
    return this.post<ApprovalRequest>('/remediations/approvals', {
      planId,
      reason,
    });
  }

  decideApproval(
    id: string,
    decision: ApprovalDecision,
    comment?: string,
  ): Promise<ApprovalRequest> {
    return this.post<ApprovalRequest>(
      `/remediations/approvals/${encodeURIComponent(id)}/decision`,
      { decision, ...(comment ? { comment } : {}) },
    );
  }

  createExemption(request: CreateExemptionRequest): Promise<Exemption> {
    return this.post<Exemption>('/exemptions', request);
  }

  revokeExemption(id: string): Promise<Exemption> {
    return this.post<Exemption>(
      `/exemptions/${encodeURIComponent(id)}/revoke`,
      {},
    );
  }

  async downloadExemptions(
    filters: ExemptionFilters = {},
  ): Promise<DownloadedFile> {
    const response = await this.fetch(
      '/exemptions.csv',
      exemptionParams(filters),
    );
    return { filename: 'exemptions.csv', blob: await response.blob() };
  }

  provideAnomalyFeedback(
    request: AnomalyFeedbackRequest,
  ): Promise<AnomalyFeedback> {
    return this.post<AnomalyFeedback>('/finops/anomalies/feedback', request);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl(
      PROD_HARDENING_PLUGIN_ID,
    );
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async get<T>(
    path: string,
    params: Record<string, string> = {},
  ): Promise<T> {
    const response = await this.fetch(path, params);
    return (await response.json()) as T;
  }

  private async fetch(
    path: string,
    params: Record<string, string> = {},
  ): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl(
      PROD_HARDENING_PLUGIN_ID,
    );
    const query = new URLSearchParams(params).toString();
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}

/** Only the filters that are set: the backend refuses empty parameters. */
function exemptionParams(filters: ExemptionFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.status) params.status = filters.status;
  if (filters.checkId) params.checkId = filters.checkId;
  if (filters.resource) params.resource = filters.resource;
  return params;
}
