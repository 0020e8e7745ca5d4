/* eslint-disable new-cap -- openapi-fetch names its methods after the HTTP verbs (GET, POST). */
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
  HealthSummary,
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
import {
  OpenApiPaths,
  PROD_HARDENING_PLUGIN_ID,
} from '@prod-hardening/plugin-prod-hardening-common';
import createClient, { Client } from 'openapi-fetch';
import type {
  DownloadedFile,
  EntityReference,
  FindingsRequest,
  ProdHardeningApi,
  WeeklyReviewDownloadFormat,
} from './ProdHardeningApi';

/**
 * Talks to /api/prod-hardening with the signed-in user's token (fetchApi adds it).
 * Every call goes through a client typed by the backend's OpenAPI document (the
 * generated `paths` in -common): a path, parameter, body or response that the contract
 * does not have fails to compile here.
 */
export class ProdHardeningClient implements ProdHardeningApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getHealth(): Promise<HealthReport> {
    const body = await (await this.api()).GET('/health').then(json);
    // The backend answers the detailed report to any signed-in user, and the portal's
    // requests always carry the user's token: a summary means the token was dropped.
    if (!isHealthReport(body)) {
      throw new Error(
        'The backend answered the anonymous health summary: the request was not signed in.',
      );
    }
    return body;
  }

  async getPosture(
    options: { refresh?: boolean } = {},
  ): Promise<PostureReport> {
    const query = options.refresh ? { refresh: 'true' as const } : {};
    return (await this.api()).GET('/posture', { params: { query } }).then(json);
  }

  async getPostureTrend(days: 7 | 30 | 90): Promise<PostureTrendPoint[]> {
    const body = await (
      await this.api()
    )
      .GET('/posture/trend', {
        params: { query: { days: `${days}` as const } },
      })
      .then(json);
    return body.points;
  }

  async getFindings(request: FindingsRequest): Promise<FindingsPage> {
    const query = setOnly({
      severity: request.severity?.length
        ? request.severity.join(',')
        : undefined,
      product: request.product?.length ? request.product.join(',') : undefined,
      search: request.search || undefined,
      sort: request.sort,
      order: request.order,
      page: request.page === undefined ? undefined : String(request.page),
      pageSize:
        request.pageSize === undefined ? undefined : String(request.pageSize),
    });
    return (await this.api())
      .GET('/findings', { params: { query } })
      .then(json);
  }

  async previewRemediation(
    checkId: string,
    override: boolean,
  ): Promise<RemediationPlan> {
    return (await this.api())
      .POST('/remediations/preview', { body: { checkId, override } })
      .then(json);
  }

  async executeRemediation(
    planId: string,
    reason?: string,
  ): Promise<RemediationResult> {
    return (await this.api())
      .POST('/remediations/execute', {
        body: { planId, ...(reason ? { reason } : {}) },
      })
      .then(json);
  }

  async getGuidedRemediation(
    checkId: string,
    resourceId?: string,
  ): Promise<GuidedRunbook> {
    return (await this.api())
      .GET('/remediations/guided/{checkId}', {
        params: {
          path: { checkId },
          query: resourceId ? { resource: resourceId } : {},
        },
      })
      .then(json);
  }

  async getFinding(id: string): Promise<FindingDetail> {
    // Finding ids are ARNs with slashes: one encoded path segment.
    return (await this.api())
      .GET('/findings/{id}', { params: { path: { id } } })
      .then(json);
  }

  async getRemediationHistory(
    checkId?: string,
  ): Promise<RemediationHistoryEntry[]> {
    const body = await (
      await this.api()
    )
      .GET('/remediations/history', {
        params: { query: checkId ? { checkId } : {} },
      })
      .then(json);
    return body.items;
  }

  async getFinOpsOverview(): Promise<FinOpsOverview> {
    return (await this.api()).GET('/finops/overview').then(json);
  }

  async getFinOpsOptimisation(): Promise<FinOpsOptimisation> {
    return (await this.api()).GET('/finops/optimisation').then(json);
  }

  async getThrottlingOverview(minutes?: number): Promise<ThrottlingOverview> {
    return (await this.api())
      .GET('/throttling/overview', {
        params: { query: minutes === undefined ? {} : { minutes } },
      })
      .then(json);
  }

  async redriveDeadLetterQueue(
    maxMessages?: number,
  ): Promise<DlqRedriveResult> {
    return (await this.api())
      .POST('/throttling/dlq/redrive', {
        body: maxMessages === undefined ? {} : { maxMessages },
      })
      .then(json);
  }

  async getDeadLetterQueueRedriveStatus(): Promise<DlqRedriveStatus> {
    return (await this.api()).GET('/throttling/dlq/redrive-status').then(json);
  }

  async getEntitySummary(entity: EntityReference): Promise<EntitySummary> {
    return (await this.api())
      .GET('/entities/{kind}/{namespace}/{name}/summary', {
        params: {
          path: {
            kind: entity.kind.toLowerCase(),
            namespace: entity.namespace.toLowerCase(),
            name: entity.name,
          },
        },
      })
      .then(json);
  }

  async getSuccessMetrics(): Promise<SuccessMetricsReport> {
    return (await this.api()).GET('/success-metrics').then(json);
  }

  async listRunbooks(): Promise<RunbookSummary[]> {
    return (await (await this.api()).GET('/runbooks').then(json)).items;
  }

  async getRunbook(id: string): Promise<Runbook> {
    return (await this.api())
      .GET('/runbooks/{id}', { params: { path: { id } } })
      .then(json);
  }

  async getWeeklyReview(): Promise<WeeklyReviewReport> {
    return (await this.api()).GET('/finops/weekly-review').then(jsonObject);
  }

  async downloadWeeklyReview(
    format: WeeklyReviewDownloadFormat,
  ): Promise<DownloadedFile> {
    const { response } = await (
      await this.api()
    ).GET('/finops/weekly-review', {
      params: { query: { format } },
      parseAs: 'stream',
    });
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `finops-weekly-review.${format}`;
    return { filename, blob: await response.blob() };
  }

  async listExemptions(filters: ExemptionFilters = {}): Promise<Exemption[]> {
    const body = await (await this.api())
      .GET('/exemptions', { params: { query: setOnly(filters) } })
      .then(jsonObject);
    return body.items;
  }

  async listApprovals(status?: ApprovalStatus): Promise<ApprovalRequest[]> {
    const body = await (
      await this.api()
    )
      .GET('/remediations/approvals', {
        params: { query: status ? { status } : {} },
      })
      .then(json);
    return body.items;
  }

  async requestApproval(
    planId: string,
    reason: string,
  ): Promise<ApprovalRequest> {
    return (await this.api())
      .POST('/remediations/approvals', { body: { planId, reason } })
      .then(json);
  }

  async decideApproval(
    id: string,
    decision: ApprovalDecision,
    comment?: string,
  ): Promise<ApprovalRequest> {
    return (await this.api())
      .POST('/remediations/approvals/{id}/decision', {
        params: { path: { id } },
        body: { decision, ...(comment ? { comment } : {}) },
      })
      .then(json);
  }

  async createExemption(request: CreateExemptionRequest): Promise<Exemption> {
    return (await this.api()).POST('/exemptions', { body: request }).then(json);
  }

  async revokeExemption(id: string): Promise<Exemption> {
    return (await this.api())
      .POST('/exemptions/{id}/revoke', { params: { path: { id } } })
      .then(json);
  }

  async downloadExemptions(
    filters: ExemptionFilters = {},
  ): Promise<DownloadedFile> {
    const { response } = await (
      await this.api()
    ).GET('/exemptions.csv', {
      params: { query: setOnly(filters) },
      parseAs: 'stream',
    });
    return { filename: 'exemptions.csv', blob: await response.blob() };
  }

  async provideAnomalyFeedback(
    request: AnomalyFeedbackRequest,
  ): Promise<AnomalyFeedback> {
    return (await this.api())
      .POST('/finops/anomalies/feedback', { body: request })
      .then(json);
  }

  /** A client for the backend's current base URL (discovery may move it). */
  private async api(): Promise<Client<OpenApiPaths>> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl(
      PROD_HARDENING_PLUGIN_ID,
    );
    return createClient<OpenApiPaths>({ baseUrl, fetch: this.send });
  }

  /**
   * Sends through fetchApi (it adds the user's token) and turns an error answer into a
   * ResponseError carrying the backend's message, before the client reads the body.
   */
  private readonly send = async (request: Request): Promise<Response> => {
    // Handed on as URL and init, not as the Request: the app's fetch middlewares each
    // build a Request from their input, and a Request whose body one of them has
    // read cannot be built from again ("already been used"), so every POST failed.
    const body =
      request.method === 'GET' || request.method === 'HEAD'
        ? undefined
        : await request.text();
    const response = await this.deps.fetchApi.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: body || undefined,
      signal: request.signal,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  };
}

/** The JSON body of a successful answer (errors were thrown by `send`). */
function json<T>(result: { data?: T }): T {
  if (result.data === undefined) {
    throw new Error('The backend answered without a body.');
  }
  return result.data;
}

/**
 * The JSON body of a route that can also answer a file (CSV, Markdown) when asked for
 * one: openapi-fetch types the body as any of the route's media types, but this client
 * asked for and parsed JSON, so a string here breaks the contract.
 */
function jsonObject<T>(result: { data?: T | string }): T {
  const body = json(result);
  if (typeof body === 'string') {
    throw new Error('The backend answered a file where JSON was expected.');
  }
  return body;
}

/** The signed-in answer of GET /health: every source with its label and latency. */
function isHealthReport(
  body: HealthReport | HealthSummary,
): body is HealthReport {
  return body.sources.every(source => 'label' in source);
}

/** Only the parameters that are set: the backend refuses empty parameters. */
function setOnly<T extends object>(params: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(params).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  ) as Partial<T>;
}
