import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../api';
import { useRefreshEvery } from './useRefreshEvery';

/** How often the source banner re-checks the backend's sources. */
export const HEALTH_REFRESH_MS = 30_000;

/** The backend's source health, refreshed periodically while mounted. */
export function useHealth(refreshMs = HEALTH_REFRESH_MS) {
  const api = useApi(prodHardeningApiRef);
  const state = useAsyncRetry(() => api.getHealth(), [api]);
  useRefreshEvery(state.retry, refreshMs);
  return state;
}
