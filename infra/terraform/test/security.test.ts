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
    'encrypts Redis at rest with KMS and in transit, with an AUTH token from Secrets Manager and failover',
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
    'reports batch item failures, caps concurrency and invokes the Lambda through an alias',
    'lambda',
  ],
];

describe('security and operational properties', () => {
  it.each(cases)('%s', async (_name, check) => {
    assertNoViolations(await PROPERTY_CHECKS[check](mod));
  });
});
