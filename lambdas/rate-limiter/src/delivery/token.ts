import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/** Supplies the messaging API bearer token; `invalidate` forces a re-read. */
export interface TokenProvider {
  getToken(): Promise<string>;
  invalidate(): void;
}

export function staticToken(token: string): TokenProvider {
  return { getToken: async () => token, invalidate: () => {} };
}

export interface SecretTokenOptions {
  client: SecretsManagerClient;
  secretId: string;
  /** The JSON field holding the token when the secret is a JSON object. */
  jsonKey?: string;
  /** How long a read secret is reused. */
  cacheMs?: number;
}

/**
 * Reads the token from Secrets Manager (plain string, or a JSON object with a
 * `token` field) and caches it, so a rotation is picked up within `cacheMs`
 * or at once after `invalidate()` (called on 401/403).
 */
export function secretsManagerToken(
  options: SecretTokenOptions,
): TokenProvider {
  const cacheMs = options.cacheMs ?? 5 * 60_000;
  const jsonKey = options.jsonKey ?? 'token';
  let cached: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  async function read(): Promise<string> {
    const out = await options.client.send(
      new GetSecretValueCommand({ SecretId: options.secretId }),
    );
    const raw = out.SecretString;
    if (!raw) throw new Error(`secret ${options.secretId} has no string value`);
    let token = raw;
    if (raw.trimStart().startsWith('{')) {
      const value = (JSON.parse(raw) as Record<string, unknown>)[jsonKey];
      if (typeof value !== 'string' || !value) {
        throw new Error(`secret ${options.secretId} has no "${jsonKey}" field`);
      }
      token = value;
    }
    cached = { token, until: Date.now() + cacheMs };
    return token;
  }

  return {
    async getToken() {
      if (cached && cached.until > Date.now()) return cached.token;
      pending ??= read().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
