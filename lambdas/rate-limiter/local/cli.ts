/**
 * `npm run limiter:local`: runs the real handler against the local SQS queue
 * (moto) the way Lambda's event source mapping would, with the stub messaging
 * API unless MESSAGING_API_BASE_URL points elsewhere.
 *
 *   --with-stack   also start a throw-away redis-server and moto_server
 *
 * Environment: REDIS_URL, AWS_ENDPOINT_URL (the emulator), QUEUE_NAME
 * (default huntaze-rate-limiter-queue), DLQ_NAME (default huntaze-rate-limiter-dlq),
 * STUB_PORT, plus every variable of
 * the Lambda (README.md, "Configuration"); QUEUE_URL / DLQ_URL are filled in.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { startMoto, startRedis } from '@prod-hardening/dev-stack';
import { createLogger } from '../src/logger';
import { ensureQueues } from './queues';
import { startLocalLambda } from './runner';

async function main() {
  const logger = createLogger({ serviceName: 'rate-limiter-local' });
  const stops: (() => Promise<void>)[] = [];
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.AWS_ACCESS_KEY_ID ??= 'local';
  env.AWS_SECRET_ACCESS_KEY ??= 'local';
  env.AWS_REGION ??= 'us-east-1';
  Object.assign(process.env, env);

  if (process.argv.includes('--with-stack')) {
    const [redis, moto] = await Promise.all([startRedis(), startMoto()]);
    stops.push(
      () => redis.stop(),
      () => moto.stop(),
    );
    env.REDIS_URL = redis.url;
    env.AWS_ENDPOINT_URL = moto.endpoint;
    logger.info('started local stack', {
      redis: redis.url,
      moto: moto.endpoint,
    });
  }
  env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  env.AWS_ENDPOINT_URL ??= 'http://127.0.0.1:5000';

  const sqs = new SQSClient({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL,
  });
  const queues = await ensureQueues(sqs, {
    name: env.QUEUE_NAME,
    deadLetterQueueName: env.DLQ_NAME,
  });
  const lambda = await startLocalLambda({ env, sqs, queues, logger });

  const shutdown = async () => {
    await lambda.stop();
    for (const stop of stops.reverse()) await stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
