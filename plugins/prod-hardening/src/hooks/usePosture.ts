import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { FindingsRequest, prodHardeningApiRef } from '../api';

/** The posture report (cached by the backend for a minute). */
export function usePosture() {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(() => api.getPosture(), [api]);
}

/** One page of findings for the given filters. */
export function useFindings(request: FindingsRequest) {
  const api = useApi(prodHardeningApiRef);
  // The serialized request is the dependency, so a new object with the same filters
  // does not refetch.
  const key = JSON.stringify(request);
  return useAsyncRetry(
    () => api.getFindings(JSON.parse(key) as FindingsRequest),
    [api, key],
  );
}
