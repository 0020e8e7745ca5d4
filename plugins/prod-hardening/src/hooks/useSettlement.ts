import { useApi } from '@backstage/core-plugin-api';
import type { RemediationHistoryEntry } from '@prod-hardening/plugin-prod-hardening-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../api';
import { useRefreshEvery } from './useRefreshEvery';

/** How often the history is re-read while a timed-out attempt is unsettled. */
export const SETTLEMENT_REFRESH_MS = 5_000;
/** An interval that never fires within a page's life (nothing left to wait for). */
const NEVER_MS = 2 ** 31 - 1;

/**
 * The history row that settles a timed-out attempt (`settles` = its row id), re-read
 * every few seconds until AWS has answered; undefined while the state is unknown or
 * when there is nothing to wait for (`historyId` undefined).
 */
export function useSettlement(
  checkId: string,
  historyId: string | undefined,
  refreshMs = SETTLEMENT_REFRESH_MS,
): RemediationHistoryEntry | undefined {
  const api = useApi(prodHardeningApiRef);
  const state = useAsyncRetry(async () => {
    if (!historyId) return undefined;
    const rows = await api.getRemediationHistory(checkId);
    return rows.find(row => row.settles === historyId);
  }, [api, checkId, historyId]);
  const waiting = Boolean(historyId) && !state.value;
  useRefreshEvery(state.retry, waiting ? refreshMs : NEVER_MS);
  return state.value;
}
