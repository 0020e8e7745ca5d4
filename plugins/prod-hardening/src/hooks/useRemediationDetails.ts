import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../api';

/** The runbook of a guided remediation for one resource of the check. */
export function useGuidedRunbook(checkId: string, resourceId?: string) {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(
    () => api.getGuidedRemediation(checkId, resourceId),
    [api, checkId, resourceId],
  );
}

/** One finding with the check it maps to. */
export function useFindingDetail(id: string) {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(() => api.getFinding(id), [api, id]);
}
