import type { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfig } from '../src/config';
import { createDependencies, Dependencies } from '../src/dependencies';
import { createHandler } from '../src/handler';
import type { Logger } from '../src/logger';
import { LocalEventSourceMapping } from './eventSourceMapping';
import { startStubApi, StubApiOptions } from './stubApi';

export interface LocalLambdaOptions {
  /** The Lambda's environment (README, "Configuration"); QUEUE_URL and DLQ_URL are set from `queues`. */
  env: NodeJS.ProcessEnv;
  sqs: SQSClient;
  queues: { queueUrl: string; queueArn: string; deadLetterQueueUrl: string };
  logger: Logger;
  /** Options of the stub messaging API, started unless MESSAGING_API_BASE_URL is set. */
  stub?: StubApiOptions;
}

export interface LocalLambda {
  instances: Dependencies[];
  /** Stops polling, waits for in-flight batches, closes Redis and the stub. */
  stop(): Promise<void>;
}

/**
 * The real handler on a local SQS queue, the way Lambda runs it: one instance per
 * unit of MAX_CONCURRENCY behind an emulated event source mapping, delivering to
 * the stub messaging API unless another one is configured.
 */
export async function startLocalLambda(
  options: LocalLambdaOptions,
): Promise<LocalLambda> {
  const { sqs, queues, logger } = options;
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    QUEUE_URL: queues.queueUrl,
    DLQ_URL: queues.deadLetterQueueUrl,
  };
  const stops: (() => Promise<void>)[] = [];
  if (!env.MESSAGING_API_BASE_URL) {
    const stub = await startStubApi({
      port: env.STUB_PORT ? Number(env.STUB_PORT) : 0,
      ...options.stub,
    });
    stops.push(() => stub.close());
    env.MESSAGING_API_BASE_URL = stub.url;
    env.MESSAGING_API_TOKEN ??= 'local-token';
    logger.info('stub messaging API listening', {
      url: stub.url,
      state: `${stub.url}/_stub/state`,
    });
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
  logger.info('polling', {
    queueUrl: queues.queueUrl,
    instances: instances.length,
  });
  const report = setInterval(() => {
    logger.info('progress', {
      received,
      failed,
      modes: instances.map(d => d.limiter.mode),
    });
  }, 10_000);

  return {
    instances,
    async stop() {
      clearInterval(report);
      await mapping.stop();
      await Promise.all(instances.map(d => d.close()));
      for (const stop of stops.reverse()) await stop();
    },
  };
}
