import { createApiRef } from '@backstage/core-plugin-api';
import type {
  FindingsPage,
  HealthReport,
  PostureReport,
  Severity,
} from '@prod-hardening/plugin-prod-hardening-common';

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
  getFindings(request: FindingsRequest): Promise<FindingsPage>;
}

export const prodHardeningApiRef = createApiRef<ProdHardeningApi>({
  id: 'plugin.prod-hardening.service',
});
