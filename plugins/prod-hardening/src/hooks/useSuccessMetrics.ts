import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../api';

/** The seed's success metrics, computed by the backend from the other features. */
export function useSuccessMetrics() {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(() => api.getSuccessMetrics(), [api]);
}
