/**
 * `npm run limiter:local`: runs the real handler against the local SQS queue
 * (moto) the way Lambda's event source mapping would, with the stub messaging
 * API unless MESSAGING_API_BASE_URL points elsewhere.
 *
 *   --with-stack   also start a throw-away redis-server and moto_server
 *
 * Environment: REDIS_URL, AWS_ENDPOINT_URL (the emulator), QUEUE_NAME
 * (default huntaze-rate-limiter-queue), STUB_PORT, plus every variable of
 * the Lambda (README.md, "Configuration"); QUEUE_URL / DLQ_URL are filled in.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { startMoto, startRedis } from '@prod-hardening/dev-stack';
import { loadConfig } from '../config';
import { createDependencies, Dependencies } from '../dependencies';
import { createHandler } from '../handler';
import { createLogger } from '../logger';
import { ensureQueues } from './queues';
import { startStubApi } from './stubApi';
import { LocalEventSourceMapping } from './eventSourceMapping';

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
    stops.push(() => redis.stop(), () => moto.stop());
    env.REDIS_URL = redis.url;
    env.AWS_ENDPOINT_URL = moto.endpoint;
    logger.info('started local stack', { redis: redis.url, moto: moto.endpoint });
  }
  env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  env.AWS_ENDPOINT_URL ??= 'http://127.0.0.1:5000';

  const sqs = new SQSClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL });
  const queues = await ensureQueues(sqs, { name: env.QUEUE_NAME });
  env.QUEUE_URL = queues.queueUrl;
  env.DLQ_URL = queues.deadLetterQueueUrl;
  if (!env.MESSAGING_API_BASE_URL) {
    const stub = await startStubApi({ port: env.STUB_PORT ? Number(env.STUB_PORT) : 0 });
    stops.push(() => stub.close());
    env.MESSAGING_API_BASE_URL = stub.url;
    env.MESSAGING_API_TOKEN ??= 'local-token';
    logger.info('stub messaging API listening', { url: stub.url, state: `${stub.url}/_stub/state` });
  }

  const config = loadConfig(env);
  const instances: Dependencies[] = [];
  for (let i = 0; i < config.maxConcurrency; i++) {
    instances.push(await createDependencies(config, { sqs, logger }));
  }
  let received = 0;
  let failed = 0;
  const mapping = new LocalEventSourceMapping({
    sqs,
    queueUrl: queues.queueUrl,
    queueArn: queues.queueArn,
    handlers: instances.map(deps => createHandler(deps)),
    onInvocation: r => {
      received += r.received;
      failed += r.failed;
    },
    onError: error => logger.error('event source mapping error', { error }),
  });
  mapping.start();
  logger.info('polling', { queueUrl: queues.queueUrl, instances: instances.length });
  const report = setInterval(() => {
    logger.info('progress', { received, failed, modes: instances.map(d => d.limiter.mode) });
  }, 10_000);

  const shutdown = async () => {
    clearInterval(report);
    await mapping.stop();
    await Promise.all(instances.map(d => d.close()));
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
