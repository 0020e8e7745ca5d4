import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EntitySummary,
  PostureReport,
  PostureTrendPoint,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { ProdHardeningApi } from './ProdHardeningApi';
import {
  entitySummaryRequest,
  postureRequest,
  postureTrendRequest,
} from './requests';
import type {
  PostureService,
  PostureSummary,
  PostureTrendDays,
  ProdHardeningRequestOptions,
} from './types';

/** The report's headline, without the checks' evidence. */
export function summarisePosture(report: PostureReport): PostureSummary {
  const { accountId, region, evaluatedAt, score, scoreWithExemptions } = report;
  return scoreWithExemptions
    ? { accountId, region, evaluatedAt, score, scoreWithExemptions }
    : { accountId, region, evaluatedAt, score };
}

export class DefaultPostureService implements PostureService {
  constructor(private readonly api: ProdHardeningApi) {}

  getReport(
    options: ProdHardeningRequestOptions & { refresh?: boolean } = {},
  ): Promise<PostureReport> {
    return this.api.get(postureRequest(options.refresh), options);
  }

  // The backend has no summary route: the report is served from its cache, and the
  // checks are dropped here.
  async getSummary(
    options: ProdHardeningRequestOptions = {},
  ): Promise<PostureSummary> {
    return summarisePosture(await this.getReport(options));
  }

  async getTrend(
    options: ProdHardeningRequestOptions & { days?: PostureTrendDays } = {},
  ): Promise<PostureTrendPoint[]> {
    const { points } = await this.api.get<{ points: PostureTrendPoint[] }>(
      postureTrendRequest(options.days),
      options,
    );
    return points;
  }

  getEntitySummary(
    entityRef: string | CompoundEntityRef,
    options: ProdHardeningRequestOptions = {},
  ): Promise<EntitySummary> {
    return this.api.get(entitySummaryRequest(entityRef), options);
  }
}
