import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../api';

/** The FinOps overview: served from the backend's scheduled Cost Explorer refresh. */
export function useFinOpsOverview() {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(() => api.getFinOpsOverview(), [api]);
}

/** The weekly FinOps review report. */
export function useWeeklyReview() {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(() => api.getWeeklyReview(), [api]);
}

/** Savings targets and Trusted Advisor: served from the backend's daily refresh. */
export function useFinOpsOptimisation() {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(() => api.getFinOpsOptimisation(), [api]);
}
