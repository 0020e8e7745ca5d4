import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { PostureTrendDays } from './types';

/** One read of the prod-hardening HTTP API: a path under the plugin's base URL. */
export interface ApiRequest {
  path: string;
  query?: Record<string, string>;
}

const TREND_DAYS: readonly PostureTrendDays[] = [7, 30, 90];

export function postureRequest(refresh = false): ApiRequest {
  // The route reads only `refresh=true`; leaving it out keeps the backend's cache.
  return refresh
    ? { path: '/posture', query: { refresh: 'true' } }
    : { path: '/posture' };
}

/**
 * The trend window is checked here too: a caller passing an untyped number learns
 * what is accepted without a request.
 */
export function postureTrendRequest(days: number = 30): ApiRequest {
  if (!(TREND_DAYS as readonly number[]).includes(days)) {
    throw new InputError(
      `The posture trend covers 7, 30 or 90 days, not ${days}.`,
    );
  }
  return { path: '/posture/trend', query: { days: String(days) } };
}

/**
 * Each part of the ref is one path segment, encoded, so a name holding `/`, `?` or
 * `%` stays inside its segment and the backend answers 400 for it rather than
 * another route answering.
 */
export function entitySummaryRequest(
  entityRef: string | CompoundEntityRef,
): ApiRequest {
  let ref: CompoundEntityRef;
  try {
    ref = typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
  } catch (error) {
    throw new InputError(
      `Not an entity ref: ${JSON.stringify(entityRef)} (${
        (error as Error).message
      }).`,
    );
  }
  const segments = [ref.kind, ref.namespace, ref.name];
  if (segments.some(s => typeof s !== 'string' || s === '')) {
    throw new InputError(
      `An entity ref needs a kind, a namespace and a name: ${JSON.stringify(
        entityRef,
      )}.`,
    );
  }
  return {
    path: `/entities/${segments.map(encodeURIComponent).join('/')}/summary`,
  };
}

export const finOpsOverviewRequest: ApiRequest = { path: '/finops/overview' };
export const finOpsOptimisationRequest: ApiRequest = {
  path: '/finops/optimisation',
};
// The JSON form: the CSV and Markdown downloads are for people.
export const weeklyReviewRequest: ApiRequest = {
  path: '/finops/weekly-review',
  query: { format: 'json' },
};

/** The request's full URL under the plugin's base URL (from the discovery service). */
export function requestUrl(baseUrl: string, request: ApiRequest): string {
  const base = baseUrl.replace(/\/+$/, '');
  const query = new URLSearchParams(request.query ?? {}).toString();
  return `${base}${request.path}${query ? `?${query}` : ''}`;
}
