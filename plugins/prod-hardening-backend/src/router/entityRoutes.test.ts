import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { MotoServer } from '@prod-hardening/dev-stack';
import type {
  EntitySummary,
  Finding,
} from '@prod-hardening/plugin-prod-hardening-common';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { CountingProxy, startCountingProxy } from '../testUtils/countingProxy';
import { pluginConfig, startSeededMoto } from '../testUtils/localAccount';
import { seededCatalogEntities } from '../testUtils/seededCatalog';

jest.setTimeout(180_000);

/** An entity whose annotations are all wrong: its page lists why, it is not an error. */
const BROKEN: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'broken',
    annotations: {
      'prod-hardening.io/aws-arns': 'not-an-arn',
      'prod-hardening.io/rate-limiter': 'yes',
      'aws.amazon.com/cost-insights-tags': 'novalue',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-web' },
};

const WEB_ARNS = [
  'arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production',
  'arn:aws:ecs:us-east-1:123456789012:service/huntaze-web-production/web',
];

describe('GET /entities/:kind/:namespace/:name/summary on the seeded account', () => {
  let moto: MotoServer;
  let proxy: CountingProxy;
  let server: any;
  let allFindings: Finding[];

  const summary = async (path: string): Promise<EntitySummary> =>
    (
      await request(server)
        .get(`/api/prod-hardening/entities/${path}/summary`)
        .expect(200)
    ).body;

  beforeAll(async () => {
    const seeded = await startSeededMoto();
    moto = seeded.moto;
    proxy = await startCountingProxy(moto.endpoint);
    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: proxy.endpoint, resources: seeded.resources }),
        catalogServiceMock.factory({
          entities: seededCatalogEntities([BROKEN]),
        }),
      ],
    }));
    const page = await request(server)
      .get('/api/prod-hardening/findings?pageSize=200')
      .expect(200);
    expect(page.body.total).toBeLessThanOrEqual(200);
    allFindings = page.body.items;
  });

  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it("the web component shows only its own resources' findings and checks", async () => {
    const web = await summary('component/default/web');
    expect(web.rollup).toBe(false);
    expect(web.problems).toEqual([]);
    const own = allFindings.filter(f => WEB_ARNS.includes(f.resourceId));
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(allFindings.length);
    expect(web.posture!.findings.total).toBe(own.length);
    expect(web.posture!.findings.items.map(f => f.id).sort()).toEqual(
      own.map(f => f.id).sort(),
    );
    // Every check kept looked at one of web's resources, and only those remain.
    expect(web.posture!.checks.length).toBeGreaterThan(0);
    for (const check of web.posture!.checks) {
      for (const r of check.resources) {
        expect(
          WEB_ARNS.some(
            arn => arn === r.resourceId || arn.endsWith(`/${r.resourceId}`),
          ),
        ).toBe(true);
      }
    }
    expect(
      web.posture!.score.passed + web.posture!.score.failed,
    ).toBeLessThanOrEqual(web.posture!.checks.length);
    expect(web.throttling).toBeNull();
    expect(web.cost).toEqual({ tags: null, ai: null });
  });

  it('serves entity views from the caches the pages fill: no AWS request per view', async () => {
    // The pages' own reads fill the caches (posture, findings, FinOps live data, DLQ).
    await request(server).get('/api/prod-hardening/posture').expect(200);
    await request(server)
      .get('/api/prod-hardening/finops/overview')
      .expect(200);
    await request(server)
      .get('/api/prod-hardening/throttling/overview')
      .expect(200);
    const before = proxy.count;
    for (const path of [
      'component/default/web',
      'component/default/ai',
      'component/default/rate-limiter',
      'resource/default/redis',
      'group/default/team-web',
      'system/default/huntaze',
      'group/default/huntaze',
    ]) {
      await summary(path);
    }
    expect(proxy.log.slice(before)).toEqual([]);
  });

  it('the Group rolls up what it owns', async () => {
    const team = await summary('group/default/team-web');
    expect(team.rollup).toBe(true);
    expect(team.members.map(m => m.entityRef)).toEqual([
      'group:default/team-web',
      'component:default/broken',
      'component:default/web',
      'resource:default/assets',
      'resource:default/static-site',
      'resource:default/uploads',
    ]);
    const web = await summary('component/default/web');
    const arns = new Set(team.arns);
    const owned = allFindings.filter(f => arns.has(f.resourceId));
    expect(team.posture!.findings.total).toBe(owned.length);
    expect(team.posture!.findings.total).toBeGreaterThan(
      web.posture!.findings.total,
    );
    // The broken member's problems are listed under its ref.
    expect(new Set(team.problems.map(p => p.entityRef))).toEqual(
      new Set(['component:default/broken']),
    );
  });

  it('the System rolls up its components and resources, the rate limiter included', async () => {
    const system = await summary('system/default/huntaze');
    expect(system.members.length).toBe(1 + 4 + 10);
    expect(system.throttling).not.toBeNull();
    expect(system.cost.ai?.state).toBe('ok');
    expect(system.posture!.findings.total).toBeGreaterThanOrEqual(
      (await summary('group/default/team-web')).posture!.findings.total,
    );
  });

  it("the AI component shows its agents' spend from the ledger", async () => {
    const ai = await summary('component/default/ai');
    expect(ai.cost.ai).toMatchObject({ state: 'ok' });
    if (ai.cost.ai?.state !== 'ok') throw new Error('unreachable');
    expect(ai.cost.ai.agents.map(a => a.agent).sort()).toEqual([
      'analytics',
      'chatbot',
      'content',
      'marketing',
    ]);
  });

  it('the rate-limiter component shows the throttling (Redis down: said why; the DLQ still read)', async () => {
    const limiter = await summary('component/default/rate-limiter');
    expect(limiter.throttling?.windowMinutes).toBe(60);
    expect(limiter.throttling?.redis.state).toBe('unavailable');
    expect(limiter.throttling?.dlq).toMatchObject({
      state: 'ok',
      queueName: 'huntaze-rate-limiter-dlq',
    });
  });

  it('malformed annotations are listed with the reason, not an error', async () => {
    const broken = await summary('component/default/broken');
    expect(broken.problems.map(p => [p.annotation, p.value])).toEqual([
      ['prod-hardening.io/aws-arns', 'not-an-arn'],
      ['aws.amazon.com/cost-insights-tags', 'novalue'],
      ['prod-hardening.io/rate-limiter', 'yes'],
    ]);
    expect(broken.posture).toBeNull();
    expect(broken.throttling).toBeNull();
    expect(broken.members).toEqual([
      { entityRef: 'component:default/broken', mapped: false },
    ]);
  });

  it('an unknown entity is a 404 with a message, a malformed reference a 400', async () => {
    const missing = await request(server)
      .get('/api/prod-hardening/entities/component/default/nope/summary')
      .expect(404);
    expect(missing.body.error.message).toBe(
      'There is no entity component:default/nope in the catalog.',
    );
    for (const path of [
      'component/default/a%20b',
      'comp-onent/default/web',
      `component/default/${'x'.repeat(64)}`,
      'component/de..fault/web',
    ]) {
      const res = await request(server).get(
        `/api/prod-hardening/entities/${path}/summary`,
      );
      expect([path, res.status]).toEqual([path, 400]);
      // The contract's message names the part of the reference that is wrong.
      expect(res.body.error.message).toMatch(
        /^path parameter (kind|namespace|name) must (be|use) [^"^$]+\.$/,
      );
    }
  });

  it('needs the read permission, checked before the catalog is read', async () => {
    const catalog = catalogServiceMock.mock();
    const denied = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: proxy.endpoint }),
        catalog.factory,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(denied.server)
      .get('/api/prod-hardening/entities/component/default/web/summary')
      .expect(403);
    expect(res.body.error.message).toMatch(/prod-hardening\.read/);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    await denied.stop();
  });
});
