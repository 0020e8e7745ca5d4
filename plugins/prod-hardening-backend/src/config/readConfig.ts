import { Config } from '@backstage/config';
import { prodHardeningConfigSchema, ProdHardeningConfig } from './schema';

export const CONFIG_ROOT = 'prodHardening';

/** Thrown at start-up; the message names every offending key. */
export class ProdHardeningConfigError extends Error {
  name = 'ProdHardeningConfigError';
}

/**
 * Reads and validates the `prodHardening` block once, at start-up. Every problem is
 * reported in one message with the full key path, so a broken deployment says exactly
 * which line of app-config to fix.
 */
export function readProdHardeningConfig(config: Config): ProdHardeningConfig {
  const raw = config.getOptional(CONFIG_ROOT);
  if (raw === undefined) {
    throw new ProdHardeningConfigError(
      `Missing configuration: ${CONFIG_ROOT}.aws.accountId, ${CONFIG_ROOT}.aws.region and ${CONFIG_ROOT}.redis.url are required`,
    );
  }
  const parsed = prodHardeningConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => {
      const key = [CONFIG_ROOT, ...issue.path].join('.');
      const message =
        issue.code === 'invalid_type' && issue.received === 'undefined'
          ? 'is required'
          : issue.message;
      return `${key} ${message}`;
    });
    throw new ProdHardeningConfigError(
      `Invalid configuration: ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}
