import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  FindingsPage,
  HealthReport,
  PostureReport,
  RemediationHistoryEntry,
  RemediationPlan,
  RemediationResult,
} from '@prod-hardening/plugin-prod-hardening-common';
import { PROD_HARDENING_PLUGIN_ID } from '@prod-hardening/plugin-prod-hardening-common';
import type { FindingsRequest, ProdHardeningApi } from './ProdHardeningApi';

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

  executeRemediation(planId: string): Promise<RemediationResult> {
    return this.post<RemediationResult>('/remediations/execute', { planId });
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
    const baseUrl = await this.deps.discoveryApi.getBaseUrl(
      PROD_HARDENING_PLUGIN_ID,
    );
    const query = new URLSearchParams(params).toString();
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
