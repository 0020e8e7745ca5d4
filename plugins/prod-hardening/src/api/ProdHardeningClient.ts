import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { HealthReport } from '@prod-hardening/plugin-prod-hardening-common';
import { PROD_HARDENING_PLUGIN_ID } from '@prod-hardening/plugin-prod-hardening-common';
import type { ProdHardeningApi } from './ProdHardeningApi';

/** Talks to /api/prod-hardening with the signed-in user's token (fetchApi adds it). */
export class ProdHardeningClient implements ProdHardeningApi {
  constructor(private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  getHealth(): Promise<HealthReport> {
    return this.get<HealthReport>('/health');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl(PROD_HARDENING_PLUGIN_ID);
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
