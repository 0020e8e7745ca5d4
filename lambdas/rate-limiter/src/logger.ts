import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger of the Lambda. Log records carry ids (SQS message id, the
 * producer's messageId, userId) and outcomes, never the message text or secrets.
 * Level from POWERTOOLS_LOG_LEVEL (default INFO).
 */
export function createLogger(
  options: ConstructorParameters<typeof Logger>[0] = {},
): Logger {
  return new Logger({ serviceName: 'rate-limiter', ...options });
}

export type { Logger };
