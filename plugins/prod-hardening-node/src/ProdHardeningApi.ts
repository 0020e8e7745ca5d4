import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { notServedByBackend, toServiceError, unreachable } from './errors';
import { ApiRequest, requestUrl } from './requests';
import type { ProdHardeningRequestOptions } from './types';

/** The backend plugin these services read from. */
export const PROD_HARDENING_PLUGIN_ID = 'prod-hardening';

export interface ProdHardeningApiOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * GETs JSON from the prod-hardening backend with a plugin-to-plugin token, the way
 * Backstage's catalog client does for the catalog: the data stays with the one
 * backend that polls AWS and caches, and every caller reads it over HTTP.
 */
export class ProdHardeningApi {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ProdHardeningApiOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async get<T>(
    request: ApiRequest,
    options: ProdHardeningRequestOptions = {},
  ): Promise<T> {
    const { auth, discovery } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf:
        options.credentials ?? (await auth.getOwnServiceCredentials()),
      targetPluginId: PROD_HARDENING_PLUGIN_ID,
    });
    const url = requestUrl(
      await discovery.getBaseUrl(PROD_HARDENING_PLUGIN_ID),
      request,
    );
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers: {
          Accept: 'application/json',
          // An empty token: the auth service runs without default auth policy.
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      });
    } catch (error) {
      throw unreachable(url, error);
    }
    if (!response.ok) {
      // The backend's errors are JSON (Backstage's error handler); anything else did
      // not come from it.
      const fromBackend = /^application\/json\b/.test(
        response.headers.get('content-type') ?? '',
      );
      const failure = await ResponseError.fromResponse(response);
      throw fromBackend
        ? toServiceError(failure)
        : notServedByBackend(url, failure);
    }
    return (await response.json()) as T;
  }
}
