import type {
  FinOpsOptimisation,
  FinOpsOverview,
  WeeklyReviewReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { ProdHardeningApi } from './ProdHardeningApi';
import {
  finOpsOptimisationRequest,
  finOpsOverviewRequest,
  weeklyReviewRequest,
} from './requests';
import type { FinOpsService, ProdHardeningRequestOptions } from './types';

export class DefaultFinOpsService implements FinOpsService {
  constructor(private readonly api: ProdHardeningApi) {}

  getOverview(
    options: ProdHardeningRequestOptions = {},
  ): Promise<FinOpsOverview> {
    return this.api.get(finOpsOverviewRequest, options);
  }

  getOptimisation(
    options: ProdHardeningRequestOptions = {},
  ): Promise<FinOpsOptimisation> {
    return this.api.get(finOpsOptimisationRequest, options);
  }

  getWeeklyReview(
    options: ProdHardeningRequestOptions = {},
  ): Promise<WeeklyReviewReport> {
    return this.api.get(weeklyReviewRequest, options);
  }
}
