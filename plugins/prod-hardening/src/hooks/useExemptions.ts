import { useApi } from '@backstage/core-plugin-api';
import type { ExemptionFilters } from '@prod-hardening/plugin-prod-hardening-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../api';

/** The exemptions matching `filters`; `version` reloads them after a change. */
export function useExemptions(filters: ExemptionFilters, version = 0) {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(
    () => api.listExemptions(filters),
    [api, filters.status, filters.checkId, filters.resource, version],
  );
}
