import {
  startProcess,
  waitUntilHealthy,
  ManagedProcess,
} from './managedProcess';

/** The rate limiter's demo CLI (`npm run limiter:demo`), through its package's export. */
const DEMO_SCRIPT = require.resolve('@prod-hardening/rate-limiter/demo');

/** Printed by the demo CLI once it runs (kept in sync with lambdas/rate-limiter/local/demo.ts). */
const DEMO_READY_LINE = 'rate-limiter demo traffic running';

export interface DemoTrafficOptions {
  motoEndpoint: string;
  redisUrl: string;
  region: string;
  queueName: string;
  deadLetterQueueName: string;
  readyTimeoutMs?: number;
}

export interface DemoTraffic {
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Starts live rate-limiter traffic on the seeded queues: the real Lambda handler
 * behind the local event source mapping, the stub messaging API and a producer (see
 * `npm run limiter:demo`). Its own process, so the portal sees it like a real Lambda.
 */
export async function startDemoTraffic(
  options: DemoTrafficOptions,
): Promise<DemoTraffic> {
  const proc = startProcess(
    'rate-limiter demo traffic',
    process.execPath,
    [require.resolve('tsx/cli'), DEMO_SCRIPT],
    {
      env: {
        ...process.env,
        // The emulator accepts any credentials; dummy ones keep real keys away from it.
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SESSION_TOKEN: '',
        AWS_REGION: options.region,
        AWS_ENDPOINT_URL: options.motoEndpoint,
        REDIS_URL: options.redisUrl,
        QUEUE_NAME: options.queueName,
        DLQ_NAME: options.deadLetterQueueName,
        // Its JSON logs are kept for diagnostics, not printed: warnings and up.
        POWERTOOLS_LOG_LEVEL: 'WARN',
        MESSAGING_API_BASE_URL: '',
      },
    },
  );
  // The CLI prints this line once the handler polls and the producer sends.
  await waitUntilHealthy(
    proc,
    async () => proc.output().includes(DEMO_READY_LINE),
    options.readyTimeoutMs ?? 60_000,
  );
  return { process: proc, stop: () => proc.stop(10_000) };
}
