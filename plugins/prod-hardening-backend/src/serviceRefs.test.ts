import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import type { JsonObject } from '@backstage/types';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import {
  finOpsServiceRef,
  FinOpsService,
  postureServiceRef,
  PostureService,
} from '@prod-hardening/plugin-prod-hardening-node';
import Router from 'express-promise-router';
import request from 'supertest';
import { prodHardeningPlugin } from './plugin';
import { pluginConfig, startSeededMoto } from './testUtils/localAccount';
import { seededCatalogEntities } from './testUtils/seededCatalog';

jest.setTimeout(180_000);

const API = '/api/prod-hardening';

/** A report without the moment it was assembled, which differs between two reads. */
const unclocked = ({ generatedAt, ...rest }: { generatedAt: string }) => rest;

/**
 * Another plugin of the same backend, as its author would write it: it depends on the
 * service refs only, never on the prod-hardening backend package. It hands its
 * services to the test and serves a scorecard from them on behalf of its caller.
 */
function scorecardPlugin(got: {
  posture?: PostureService;
  finops?: FinOpsService;
}) {
  return createBackendPlugin({
    pluginId: 'scorecards',
    register(env) {
      env.registerInit({
        deps: {
          posture: postureServiceRef,
          finops: finOpsServiceRef,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ posture, finops, httpRouter, httpAuth }) {
          got.posture = posture;
          got.finops = finops;
          const router = Router();
          router.get('/scorecard', async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['user'],
            });
            const [summary, overview] = await Promise.all([
              posture.getSummary({ credentials }),
              finops.getOverview({ credentials }),
            ]);
            res.json({
              securityHubPercent: summary.score.securityHubPercent,
              budgetLimitMicros: overview.budget?.limitMicros,
            });
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

/** A policy that refuses prod-hardening.read to every user (and allows the rest). */
const noReadingForUsers = createBackendModule({
  pluginId: 'permission',
  moduleId: 'no-reading-for-users',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req) {
            return isPermission(req.permission, prodHardeningReadPermission)
              ? { result: AuthorizeResult.DENY }
              : { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

describe('posture and FinOps through the service refs (real backend plugin, moto_server)', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  /** The prod-hardening backend plugin with its configuration and catalog. */
  const prodHardening = (
    options: { permission?: JsonObject; backend?: JsonObject } = {},
  ) => [
    prodHardeningPlugin,
    pluginConfig({ endpoint: moto.endpoint, resources, ...options }),
    catalogServiceMock.factory({ entities: seededCatalogEntities() }),
  ];

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
  });

  afterAll(async () => {
    await moto?.stop();
  });

  describe('with the default permissions', () => {
    const got: { posture?: PostureService; finops?: FinOpsService } = {};
    let server: any;
    const http = async (path: string) => {
      const res = await request(server)
        .get(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return res.body;
    };

    beforeAll(async () => {
      ({ server } = await startTestBackend({
        features: [
          ...prodHardening(),
          // The delayed tasks too, so the posture snapshot of today is taken.
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          scorecardPlugin(got),
        ],
      }));
    });

    it("reads the backend's posture report, the seed story's scores", async () => {
      const report = await got.posture!.getReport();
      expect(report.accountId).toBe('123456789012');
      expect(report.score).toMatchObject({
        passed: 1,
        warned: 1,
        errored: 2,
        securityHubPercent: 5.6,
      });
      // The backend's own cached report, not a second evaluation.
      expect(report).toEqual(await http('/posture'));
    });

    it('summarises the posture with and without exemptions, without the checks', async () => {
      const summary = await got.posture!.getSummary();
      const report = await http('/posture');
      expect(summary).toEqual({
        accountId: '123456789012',
        region: 'us-east-1',
        evaluatedAt: report.evaluatedAt,
        score: report.score,
        scoreWithExemptions: report.scoreWithExemptions,
      });
      // No exemption is recorded on the seeded account: nothing is left out.
      expect(summary.scoreWithExemptions).toMatchObject({
        ...summary.score,
        exempted: 0,
      });
    });

    it('reads the trend for the asked window', async () => {
      const points = await got.posture!.getTrend({ days: 7 });
      expect(points.at(-1)).toMatchObject({
        day: new Date().toISOString().slice(0, 10),
        securityHubPercent: 5.6,
      });
      expect(points).toEqual((await http('/posture/trend?days=7')).points);
    });

    it("reads an entity's summary by its ref", async () => {
      const web = await got.posture!.getEntitySummary('component:default/web');
      expect(web.entityRef).toBe('component:default/web');
      expect(unclocked(web)).toEqual(
        unclocked(await http('/entities/component/default/web/summary')),
      );
    });

    it('reads the FinOps overview: the seeded $500 budget', async () => {
      const overview = await got.finops!.getOverview();
      expect(overview.budget?.limitMicros).toBe(500_000_000);
      expect(unclocked(overview)).toEqual(
        unclocked(await http('/finops/overview')),
      );
    });

    it('reads the savings targets and the weekly review', async () => {
      const optimisation = await got.finops!.getOptimisation();
      expect(optimisation.targets.map(t => t.id).sort()).toEqual([
        'dynamodb-ttl-storage',
        'vpc-endpoints-nat',
      ]);
      expect(unclocked(optimisation)).toEqual(
        unclocked(await http('/finops/optimisation')),
      );
      const review = await got.finops!.getWeeklyReview();
      expect(unclocked(review)).toEqual(
        unclocked(await http('/finops/weekly-review')),
      );
    });

    it("serves the consuming plugin's own route from them", async () => {
      const res = await request(server)
        .get('/api/scorecards/scorecard')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        securityHubPercent: 5.6,
        budgetLimitMicros: 500_000_000,
      });
    });

    it("surfaces the backend's 404 as a NotFoundError with its message", async () => {
      const error = await got
        .posture!.getEntitySummary('component:default/nowhere')
        .catch(e => e);
      expect(error.name).toBe('NotFoundError');
      expect(error.message).toBe(
        'There is no entity component:default/nowhere in the catalog.',
      );
      expect(error.cause.statusCode).toBe(404);
    });

    it("surfaces the backend's 400 for a ref its contract refuses", async () => {
      const error = await got
        .posture!.getEntitySummary({
          kind: 'com-ponent',
          namespace: 'default',
          name: 'web',
        })
        .catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.cause.statusCode).toBe(400);
      expect(error.message).toMatch(/kind/);
    });
  });

  it('says so when the prod-hardening backend is not installed', async () => {
    const got: { posture?: PostureService } = {};
    await startTestBackend({ features: [scorecardPlugin(got)] });
    const error = await got.posture!.getSummary().catch(e => e);
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toMatch(
      /^Nothing answers http:\/\/localhost:\d+\/api\/prod-hardening\/posture: is the prod-hardening backend plugin installed/,
    );
  });

  describe('with a permission policy that refuses prod-hardening.read to users', () => {
    const got: { posture?: PostureService; finops?: FinOpsService } = {};
    let server: any;

    beforeAll(async () => {
      ({ server } = await startTestBackend({
        features: [
          ...prodHardening({ permission: { enabled: true } }),
          permissionBackend,
          noReadingForUsers,
          permissionsServiceFactory,
          mockServices.userInfo.factory(),
          scorecardPlugin(got),
        ],
      }));
    });

    it('still answers a plugin reading with its own credentials: the framework allows service principals', async () => {
      const summary = await got.posture!.getSummary();
      expect(summary.score.securityHubPercent).toBe(5.6);
      const overview = await got.finops!.getOverview();
      expect(overview.budget?.limitMicros).toBe(500_000_000);
    });

    it("refuses a reading on a user's behalf with the backend's 403 message", async () => {
      const credentials = mockCredentials.user('user:default/wendy');
      const error = await got
        .finops!.getOverview({ credentials })
        .catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toBe(
        'You are not allowed to read FinOps (permission prod-hardening.read).',
      );
      expect(error.cause.statusCode).toBe(403);
    });

    it("passes the refusal on through the consuming plugin's route as a 403", async () => {
      const res = await request(server)
        .get('/api/scorecards/scorecard')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/wendy'),
        );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /^You are not allowed to read (the posture|FinOps) \(permission prod-hardening\.read\)\.$/,
      );
    });
  });

  /**
   * Backstage's own auth and HTTP auth services instead of the test doubles: the
   * consuming plugin's token is a real plugin-to-plugin JWT, which the prod-hardening
   * backend verifies against the issuing plugin's keys; and external callers' tokens
   * (backend.auth.externalAccess) with their access restrictions.
   */
  describe("with Backstage's auth services", () => {
    const got: { posture?: PostureService; finops?: FinOpsService } = {};
    let server: any;
    const TOKENS = {
      unrestricted: 'reporting-job-token-0123456789',
      readOnly: 'posture-export-token-0123456789',
      entityOnly: 'entity-badge-token-0123456789',
    };

    beforeAll(async () => {
      ({ server } = await startTestBackend({
        features: [
          ...prodHardening({
            backend: {
              baseUrl: 'http://localhost:7007',
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: {
                      token: TOKENS.unrestricted,
                      subject: 'reporting-job',
                    },
                  },
                  {
                    type: 'static',
                    options: {
                      token: TOKENS.readOnly,
                      subject: 'posture-export',
                    },
                    accessRestrictions: [
                      {
                        plugin: 'prod-hardening',
                        permission: 'prod-hardening.read',
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: {
                      token: TOKENS.entityOnly,
                      subject: 'entity-badge',
                    },
                    accessRestrictions: [
                      {
                        plugin: 'prod-hardening',
                        permission: 'prod-hardening.entity.read',
                      },
                    ],
                  },
                ],
              },
            },
          }),
          authServiceFactory,
          httpAuthServiceFactory,
          scorecardPlugin(got),
        ],
      }));
    });

    const readPosture = (token: string) =>
      request(server)
        .get(`${API}/posture`)
        .set('Authorization', `Bearer ${token}`);

    it("accepts another plugin's own service token", async () => {
      const summary = await got.posture!.getSummary();
      expect(summary.score.securityHubPercent).toBe(5.6);
      expect((await got.finops!.getOverview()).budget?.limitMicros).toBe(
        500_000_000,
      );
    });

    it('lets an external token read unless its access restrictions leave prod-hardening.read out', async () => {
      expect((await readPosture(TOKENS.unrestricted)).status).toBe(200);
      expect((await readPosture(TOKENS.readOnly)).status).toBe(200);
      const refused = await readPosture(TOKENS.entityOnly);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'You are not allowed to read the posture (permission prod-hardening.read).',
      );
    });

    it('refuses a change to any service token, restricted or not', async () => {
      const res = await request(server)
        .post(`${API}/remediations/execute`)
        .set('Authorization', `Bearer ${TOKENS.unrestricted}`)
        .send({
          planId: '00000000-0000-4000-8000-000000000000',
          reason: 'CHG-1: a job may not change the account',
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/is not a user/);
    });
  });
});
