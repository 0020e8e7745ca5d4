import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsManagerToken } from '../delivery/token';

/**
 * Reads the Redis AUTH token from Secrets Manager, once per cold start: a plain
 * string, or JSON with a `token` field. A token rotated later reaches new instances;
 * running ones keep their authenticated connections. Failing here fails the cold
 * start (the batch is retried) rather than running without Redis.
 */
export async function readRedisAuthToken(
  client: SecretsManagerClient,
  secretId: string,
): Promise<string> {
  try {
    return await secretsManagerToken({ client, secretId }).getToken();
  } catch (err) {
    throw new Error(
      `could not read the Redis AUTH token from Secrets Manager (${secretId}): ${
        (err as Error).message
      }`,
    );
  }
}
