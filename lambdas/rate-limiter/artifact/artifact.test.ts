import Redis from 'ioredis';
import { unzipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SQSClient, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import {
  startMoto,
  startRedis,
  MotoServer,
  RedisServer,
} from '@prod-hardening/dev-stack';
import { createRateLimiter } from '../src/limiter';
import { DEFAULT_KEY_PREFIX, DEFAULT_LIMITS } from '../src/contract';
import { ensureQueues, LocalQueues } from '../local/queues';
import { startStubApi, StubApi } from '../local/stubApi';
import {
  awsClients,
  message,
  sqsRecord,
  testCredentials,
} from '../testUtils/localStack';
import {
  buildLambdaArtifact,
  DEFAULT_BUNDLE_DIR,
  DEFAULT_ZIP_PATH,
  LambdaArtifact,
} from './build';
import { invokeInFreshNode, reachableNodeModules } from './invokeInFreshNode';
import {
  deployedFunction,
  lambdaEnvironmentNames,
  REPO_ROOT,
} from './terraform';

// esbuild, moto_server and a child Node.js process on a shared 2-core machine
jest.setTimeout(180_000);

const fn = deployedFunction();
/** A per-run value: the secret the bundled Secrets Manager client must read. */
const apiToken = randomUUID();

let workDir: string;
let taskRoot: string;
let artifact: LambdaArtifact;
let moto: MotoServer;
let redisServer: RedisServer;
let redis: Redis;
let stub: StubApi;
let sqs: SQSClient;
let queues: LocalQueues;
let secretArn: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'rate-limiter-artifact-'));
  [artifact, moto, redisServer, stub] = await Promise.all([
    buildLambdaArtifact({
      zipPath: join(workDir, 'rate-limiter.zip'),
      bundleDir: join(workDir, 'bundle'),
    }),
    startMoto(),
    startRedis(),
    // the only stand-in: the third-party messaging API, which checks the token
    startStubApi({ token: apiToken }),
  ]);
  redis = new Redis(redisServer.url);
  const clients = awsClients(moto.endpoint);
  sqs = clients.sqs;
  queues = await ensureQueues(sqs);
  const secret = await clients.secretsManager.send(
    new CreateSecretCommand({
      Name: 'huntaze/production/messaging-api',
      SecretString: JSON.stringify({ token: apiToken }),
    }),
  );
  secretArn = secret.ARN!;

  // what Lambda does with the zip: extract it into an empty task root
  taskRoot = join(workDir, 'task');
  for (const [name, data] of Object.entries(
    unzipSync(readFileSync(artifact.zipPath)),
  )) {
    mkdirSync(dirname(join(taskRoot, name)), { recursive: true });
    writeFileSync(join(taskRoot, name), data);
  }
});

afterAll(async () => {
  redis?.disconnect();
  await Promise.all([moto?.stop(), redisServer?.stop(), stub?.close()]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** The variables lambda.tf sets, with local values in place of the AWS resources. */
function terraformEnvironment(): Record<string, string> {
  return {
    REDIS_URL: redisServer.url,
    QUEUE_URL: queues.queueUrl,
    DLQ_URL: queues.deadLetterQueueUrl,
    MAX_RECEIVES: '5',
    MAX_CONCURRENCY: '2',
    MESSAGING_API_BASE_URL: stub.url,
    MESSAGING_API_TOKEN_SECRET_ID: secretArn,
    RATE_LIMIT_CAPACITY: String(DEFAULT_LIMITS.capacity),
    RATE_LIMIT_REFILL_INTERVAL_MS: String(DEFAULT_LIMITS.refillIntervalMs),
    RATE_LIMIT_WINDOW_LIMIT: String(DEFAULT_LIMITS.windowLimit),
    RATE_LIMIT_WINDOW_MS: String(DEFAULT_LIMITS.windowMs),
    POWERTOOLS_SERVICE_NAME: 'rate-limiter',
  };
}

/** What the Lambda runtime adds, pointed at the emulator; no host AWS config. */
function runtimeEnvironment(): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_CONFIG_FILE: join(workDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(workDir, 'no-aws-credentials'),
    AWS_LAMBDA_FUNCTION_NAME: 'huntaze-rate-limiter',
  };
}

async function messagesDelayedOnQueue(): Promise<number> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queues.queueUrl,
      AttributeNames: ['ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessagesDelayed);
}

describe('the deployment zip', () => {
  it('is built by default into git-ignored paths, so it is never committed', () => {
    // check-ignore exits non-zero, so execFileSync throws, for a path git would track
    for (const output of [DEFAULT_ZIP_PATH, DEFAULT_BUNDLE_DIR]) {
      expect(() =>
        execFileSync('git', ['check-ignore', '--quiet', '--no-index', output], {
          cwd: REPO_ROOT,
        }),
      ).not.toThrow();
    }
  });

  it('holds only the handler file and its source map, and reaches no node_modules', () => {
    expect(
      Object.keys(unzipSync(readFileSync(artifact.zipPath))).sort(),
    ).toEqual([fn.location.file, `${fn.location.file}.map`]);
    expect(reachableNodeModules(taskRoot)).toEqual([]);
  });

  it('handles an SQS batch in a fresh Node.js process: delivers, defers, keeps the limiter state in Redis', async () => {
    const env = terraformEnvironment();
    expect(Object.keys(env).sort()).toEqual(lambdaEnvironmentNames().sort());

    // creator-a sends one more than the bucket holds; creator-b sends one
    const burst = [1, 2, 3, 4].map(() => message('creator-a'));
    const single = message('creator-b');
    const records = [...burst, single].map(body => sqsRecord(body));

    const { result } = await invokeInFreshNode({
      taskRoot,
      location: fn.location,
      event: { Records: records },
      env: { ...env, ...runtimeEnvironment() },
    });

    expect(result).toEqual({ batchItemFailures: [] });
    // the token came from Secrets Manager through the bundled SDK client
    expect(stub.lastAuthorization).toBe(`Bearer ${apiToken}`);
    const delivered = stub.deliveries.map(d => d.idempotencyKey).sort();
    expect(delivered).toHaveLength(4);
    expect(delivered).toContain(single.messageId);
    expect(stub.deliveries.filter(d => d.userId === 'creator-a')).toHaveLength(
      DEFAULT_LIMITS.capacity,
    );
    expect(stub.violations).toEqual([]);
    // the throttled one was re-sent to the queue with a delay, not failed
    expect(await messagesDelayedOnQueue()).toBe(1);

    const limiter = createRateLimiter({ redis, limits: DEFAULT_LIMITS });
    const now = Date.now();
    expect((await limiter.peek('creator-a', now)).sendsInWindow).toBe(
      DEFAULT_LIMITS.capacity,
    );
    expect((await limiter.peek('creator-b', now)).sendsInWindow).toBe(1);
    expect(
      await redis.pttl(`${DEFAULT_KEY_PREFIX}:{creator-a}`),
    ).toBeGreaterThan(0);
    for (const key of delivered) {
      expect(await redis.get(`rate_limit:idempotency:${key}`)).toBe(
        'delivered',
      );
    }
  });
});
