import { PROPERTY_CHECKS } from '../src/checks';
import { loadModule, TfModule } from '../src/module';
import { MODULE_DIR } from '../src/paths';
import { assertNoViolations } from '../src/violations';

let mod: TfModule;

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
});

const cases: Array<[string, keyof typeof PROPERTY_CHECKS]> = [
  ['enforces TLS on PostgreSQL with rds.force_ssl = 1', 'rdsForceSsl'],
  [
    'encrypts every queue and dead-letters after exactly 5 receives, FIFO to a FIFO DLQ',
    'queues',
  ],
  [
    'gives a Lambda-consumed queue a visibility timeout of at least 6 x the function timeout',
    'visibilityTimeouts',
  ],
  [
    'makes the tables on-demand with PITR, encryption, TTL on "ttl" and only used key attributes',
    'tables',
  ],
  [
    'encrypts every topic, gives it a policy, and lets AWS Budgets publish to the cost topic',
    'topics',
  ],
  [
    'budgets $500 a month with 80% forecasted and 100% actual notifications',
    'budget',
  ],
  [
    'encrypts Redis at rest with KMS and in transit, with AUTH (token or RBAC users) from Secrets Manager, failover and no eviction',
    'redis',
  ],
  [
    'enables GuardDuty, Security Hub FSBP, a validated multi-region trail in a private TLS-only bucket, and account Block Public Access',
    'securityServices',
  ],
  ['routes GuardDuty and Security Hub findings to SNS', 'findingRouting'],
  [
    'validates log retention to 30-90 days and applies it to every log group',
    'logRetention',
  ],
  [
    'turns on Container Insights and adds S3 and DynamoDB gateway endpoints',
    'observabilityAndEndpoints',
  ],
  [
    "creates the seed's ECS, RDS, SQS and Lambda alarms, each notifying a topic",
    'alarms',
  ],
  [
    'reports batch item failures, caps concurrency and invokes the Lambda through an alias on a published version',
    'lambda',
  ],
  [
    'gives the ECS services a rolling-back circuit breaker and CPU and memory target tracking below the alarms, between validated task counts',
    'ecsServices',
  ],
  [
    'moves the listed buckets to Intelligent-Tiering and expires noncurrent versions wherever versioning is on',
    'storageLifecycle',
  ],
  [
    'detects cost anomalies of every service and alerts the cost topic above a dollar threshold, with topic and key policies letting it publish',
    'costAnomalyDetection',
  ],
  [
    'keeps the seed secrets encrypted with the module key, their values out of the configuration, rotating where a function is given',
    'secrets',
  ],
];

describe('security and operational properties', () => {
  it.each(cases)('%s', async (_name, check) => {
    assertNoViolations(await PROPERTY_CHECKS[check](mod));
  });
});
