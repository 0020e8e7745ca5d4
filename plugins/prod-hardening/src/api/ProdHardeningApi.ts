import { createApiRef } from '@backstage/core-plugin-api';
import type { HealthReport } from '@prod-hardening/plugin-prod-hardening-common';

/** What the frontend asks of the prod-hardening backend. */
export interface ProdHardeningApi {
  getHealth(): Promise<HealthReport>;
}

export const prodHardeningApiRef = createApiRef<ProdHardeningApi>({
  id: 'plugin.prod-hardening.service',
});
