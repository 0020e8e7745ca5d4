import { createApiRef } from '@backstage/core-plugin-api';
import type {
  FindingsPage,
  HealthReport,
  PostureReport,
  RemediationHistoryEntry,
  RemediationPlan,
  RemediationResult,
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
  previewRemediation(
    checkId: string,
    override: boolean,
  ): Promise<RemediationPlan>;
  executeRemediation(planId: string): Promise<RemediationResult>;
  getRemediationHistory(checkId?: string): Promise<RemediationHistoryEntry[]>;
}

export const prodHardeningApiRef = createApiRef<ProdHardeningApi>({
  id: 'plugin.prod-hardening.service',
});
