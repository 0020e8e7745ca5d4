import { startTestBackend } from '@backstage/backend-test-utils';
import type { MotoServer } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { pluginConfig, startSeededMoto } from '../testUtils/localAccount';

jest.setTimeout(90_000);

describe('posture and findings routes on the seeded demo account (moto_server)', () => {
  let moto: MotoServer;
  let server: any;

  beforeAll(async () => {
    const seeded = await startSeededMoto();
    moto = seeded.moto;
    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: moto.endpoint, resources: seeded.resources }),
      ],
    }));
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('tells the seed story: the starting account fails the hardening checks', async () => {
    const res = await request(server).get('/api/prod-hardening/posture');
    expect(res.status).toBe(200);
    const status = Object.fromEntries(
      res.body.checks.map((c: any) => [c.id, c.status]),
    );
    expect(status).toEqual({
      's3-account-public-access-block': 'FAIL',
      'guardduty-enabled': 'FAIL',
      // The emulator lacks the standards API: exactly what an account denying it shows.
      'securityhub-fsbp-enabled': 'ERROR',
      'cloudtrail-multi-region': 'FAIL',
      'elasticache-encryption': 'FAIL',
      'rds-force-ssl': 'FAIL',
      'ecs-container-insights': 'FAIL',
      'dynamodb-pitr': 'FAIL',
      'dynamodb-ttl': 'FAIL',
      'sqs-encryption': 'FAIL',
      'cloudwatch-logs-retention': 'FAIL',
      'secretsmanager-rotation': 'FAIL',
      'vpc-gateway-endpoints': 'FAIL',
      'cloudwatch-alarms': 'FAIL',
      // The one part of the plan done early: every service has its own task role.
      'ecs-task-roles': 'PASS',
      'sns-encryption': 'WARN',
      // Day 9 and 10 half done: one service, one bucket, the alias but not its mapping.
      'ecs-service-resilience': 'FAIL',
      's3-intelligent-tiering': 'FAIL',
      // The emulator has no Cost Anomaly Detection API either.
      'cost-anomaly-detection': 'ERROR',
      'lambda-alias-in-use': 'FAIL',
    });
    expect(res.body.score).toMatchObject({
      passed: 1,
      warned: 1,
      errored: 2,
      securityHubPercent: 5.6,
    });
  });

  it('gives evidence per resource and the reason when a check cannot run', async () => {
    const res = await request(server).get('/api/prod-hardening/posture');
    const byId = Object.fromEntries(res.body.checks.map((c: any) => [c.id, c]));
    expect(byId['elasticache-encryption'].resources[0].evidence).toContain(
      'AtRestEncryptionEnabled=false',
    );
    expect(byId['ecs-container-insights'].summary).toBe(
      'Container Insights is on for 1 of 3 clusters.',
    );
    expect(byId['securityhub-fsbp-enabled'].summary).toMatch(
      /standards could not be read: .+/,
    );
    expect(byId['s3-account-public-access-block'].remediation.kind).toBe(
      'automated',
    );
    expect(byId['elasticache-encryption'].remediation.kind).toBe('guided');
  });

  it('lists the seeded findings, highest severity first, with GuardDuty as a product', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/findings?pageSize=200',
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    const severities = res.body.items.map((f: any) => f.severity);
    const rank = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
    expect(
      [...severities].sort((a, b) => rank.indexOf(a) - rank.indexOf(b)),
    ).toEqual(severities);
    expect(res.body.items.some((f: any) => f.product === 'GuardDuty')).toBe(
      true,
    );
  });

  it('filters findings by severity and product in code, whatever the endpoint does with filters', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/findings?severity=HIGH&product=GuardDuty',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const f of res.body.items)
      expect(f).toMatchObject({ severity: 'HIGH', product: 'GuardDuty' });
    expect(res.body.total).toBe(res.body.bySeverity.HIGH);
  });

  it.each([
    ['/findings?severity=SEVERE', /severity/],
    ['/findings?page=-1', /page/],
    ['/findings?pageSize=5000', /pageSize/],
    ['/findings?sort=rank', /sort/],
    [`/findings?search=${'x'.repeat(500)}`, /search/],
    ['/findings?unknown=1', /Unknown query parameter 'unknown'/],
    ['/posture?refresh=yes', /refresh/],
  ])('answers 400 with a message for %s', async (path, message) => {
    const res = await request(server).get(`/api/prod-hardening${path}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
