import { startTestBackend } from '@backstage/backend-test-utils';
import type { MotoServer } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { pluginConfig, startSeededMoto } from '../testUtils/localAccount';

jest.setTimeout(90_000);

const REDIS_ARN =
  'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:huntaze-redis';

describe('guided remediations and finding details on the seeded account (moto_server)', () => {
  let moto: MotoServer;
  let server: any;
  const api = (path: string) =>
    request(server).get(`/api/prod-hardening${path}`);

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

  it('writes the Redis migration for the seeded group from what it read', async () => {
    const res = await api('/remediations/guided/elasticache-encryption');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      checkId: 'elasticache-encryption',
      resourceId: REDIS_ARN,
      facts: {
        account: '123456789012',
        region: 'us-east-1',
        replicationGroupId: 'huntaze-redis',
        newReplicationGroupId: 'huntaze-redis-enc',
        nodeType: 'cache.t4g.small',
        primaryEndpoint: expect.stringContaining('huntaze-redis'),
      },
      evidence: {
        evidence: expect.stringContaining('AtRestEncryptionEnabled=false'),
      },
      references: expect.arrayContaining([
        'docs/runbooks/elasticache-migration.md',
      ]),
    });
    // The emulator does not describe member clusters: those facts are looked up, not invented.
    expect(res.body.unreadFacts).toEqual(
      expect.arrayContaining(['cache subnet group', 'security groups']),
    );
    const snapshot = res.body.steps[1].commands[0];
    expect(snapshot).toMatchObject({ mutates: true });
    expect(snapshot.command).toMatch(
      /^aws elasticache create-snapshot --replication-group-id huntaze-redis --snapshot-name huntaze-redis-pre-encryption-\d{8}-\d{4} --region us-east-1$/,
    );
    expect(res.body.terraform.snippet).toContain(
      'node_type            = "cache.t4g.small"',
    );
  });

  it('writes the force_ssl runbook with the value and family it read', async () => {
    const res = await api(
      '/remediations/guided/rds-force-ssl?resource=huntaze-postgres-production',
    );
    expect(res.status).toBe(200);
    expect(res.body.facts).toMatchObject({
      parameterGroup: 'huntaze-postgres-production',
      family: 'postgres16',
      'rds.force_ssl': '0',
    });
    expect(res.body.unreadFacts).toEqual([
      'no instance uses this group in the region',
    ]);
    expect(res.body.rollback[0].commands[0].command).toContain(
      'ParameterValue=0,ApplyMethod=immediate',
    );
  });

  it('writes the least-privilege task role runbook for a service of the seed', async () => {
    const res = await api('/remediations/guided/ecs-task-roles');
    expect(res.status).toBe(200);
    expect(res.body.facts).toMatchObject({
      cluster: 'huntaze-web-production',
      service: 'web',
      newTaskRole: 'arn:aws:iam::123456789012:role/huntaze-ecs-task',
    });
    expect(res.body.rollback[0].commands[0].command).toContain(
      `--task-definition ${res.body.facts.taskDefinition}`,
    );
  });

  it.each([
    [
      '/remediations/guided/s3-account-public-access-block',
      /no guided remediation/,
    ],
    ['/remediations/guided/no-such-check', /no guided remediation/],
    [
      `/remediations/guided/elasticache-encryption?resource=${encodeURIComponent(
        `${REDIS_ARN}-other`,
      )}`,
      /did not look at/,
    ],
  ])('answers 404 with a message for %s', async (path, message) => {
    const res = await api(path);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(message);
  });

  it('gives one finding with its description and the check it maps to', async () => {
    const list = await api('/findings?pageSize=200');
    const redis = list.body.items.find(
      (f: any) => f.controlId === 'ElastiCache.5',
    );
    const threat = list.body.items.find((f: any) => f.product === 'GuardDuty');

    const detail = await api(`/findings/${encodeURIComponent(redis.id)}`);
    expect(detail.status).toBe(200);
    expect(detail.body.finding).toEqual(redis);
    expect(detail.body.check).toMatchObject({
      id: 'elasticache-encryption',
      status: 'FAIL',
      remediation: { kind: 'guided' },
    });

    const threatDetail = await api(
      `/findings/${encodeURIComponent(threat.id)}`,
    );
    expect(threatDetail.status).toBe(200);
    expect(threatDetail.body.finding.description).toEqual(expect.any(String));
    expect(threatDetail.body.check).toBeUndefined();
  });

  it('answers 404 for a finding id it does not have', async () => {
    const res = await api(
      `/findings/${encodeURIComponent(
        'arn:aws:securityhub:us-east-1:123456789012:finding/nope',
      )}`,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('no open finding');
  });

  it('documents both routes in the OpenAPI spec', async () => {
    const res = await api('/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/prod-hardening/remediations/guided/{checkId}',
        '/api/prod-hardening/findings/{id}',
      ]),
    );
  });
});
