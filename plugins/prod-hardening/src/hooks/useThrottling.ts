import { useApi } from '@backstage/core-plugin-api';
import { DLQ_REDRIVE_HISTORY_ID } from '@prod-hardening/plugin-prod-hardening-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../api';
import { useRefreshEvery } from './useRefreshEvery';

/** The limiter writes its metrics once per batch: a few seconds is as live as it gets. */
export const THROTTLING_REFRESH_MS = 10_000;

/** The throttling overview, refreshed while mounted. */
export function useThrottlingOverview(
  minutes: number,
  refreshMs = THROTTLING_REFRESH_MS,
) {
  const api = useApi(prodHardeningApiRef);
  const state = useAsyncRetry(
    () => api.getThrottlingOverview(minutes),
    [api, minutes],
  );
  useRefreshEvery(state.retry, refreshMs);
  return state;
}

/** Every DLQ redrive attempt, newest first (rows of the remediation history); reloads when `version` changes. */
export function useRedriveHistory(version: number) {
  const api = useApi(prodHardeningApiRef);
  return useAsyncRetry(
    () => api.getRemediationHistory(DLQ_REDRIVE_HISTORY_ID),
    [api, version],
  );
}

/** How often a running redrive's progress is read (the backend polls SQS every 5 s). */
export const REDRIVE_STATUS_REFRESH_MS = 5_000;

/** The latest redrive's status, re-read while it runs; reloads when `version` changes. */
export function useRedriveStatus(version: number) {
  const api = useApi(prodHardeningApiRef);
  const state = useAsyncRetry(
    () => api.getDeadLetterQueueRedriveStatus(),
    [api, version],
  );
  // A running move task, or a redrive past its deadline that the history will settle.
  const waiting =
    state.value?.state === 'running' || state.value?.state === 'timed-out';
  useRefreshEvery(state.retry, waiting ? REDRIVE_STATUS_REFRESH_MS : NEVER_MS);
  return state;
}

/** An interval that never fires within a page's life (no refresh while nothing runs). */
const NEVER_MS = 2 ** 31 - 1;
