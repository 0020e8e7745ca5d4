import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import {
  createProdHardeningConditionalDecision,
  isResourceOwner,
  prodHardeningEntityReadPermission,
  prodHardeningResourceRemediatePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import permissionBackend from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { CountingProxy, startCountingProxy } from '../testUtils/countingProxy';
import {
  pluginConfig,
  reseed,
  startSeededMoto,
} from '../testUtils/localAccount';
import {
  RecordedAuditEvent,
  recordingAuditor,
} from '../testUtils/recordingAuditor';
import {
  seededCatalogEntities,
  seededUserInfo,
} from '../testUtils/seededCatalog';

jest.setTimeout(180_000);

const API = '/api/prod-hardening';

/**
 * Backstage's auth service gives a call made on behalf of a user (the permission
 * backend asking this plugin to apply conditions) the calling plugin as its actor, and
 * the plugin's apply-conditions endpoint refuses a user without one. The mock keeps
 * the user and drops the actor; this puts it back, so the real endpoint is exercised.
 */
const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
      async credentials(req: any, options?: any) {
        const credentials: any = await inner.credentials(req, options);
        const onBehalfOf = /%22obo%22|"obo"/.test(
          req.headers.authorization ?? '',
        );
        if (credentials.principal.type !== 'user' || !onBehalfOf) {
          return credentials;
        }
        return {
          ...credentials,
          principal: {
            ...credentials.principal,
            actor: { type: 'service', subject: 'plugin:permission' },
          },
        };
      },
    } as typeof inner;
  },
});

/**
 * The `owners` scope as a policy says it (packages/backend's policy with
 * prodHardening.permissions.remediation.scope and read.scope = owners): every resource
 * and entity is left to its owners; everything else is allowed to people.
 */
const ownersOnlyPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owners-only-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            if (!user) return { result: AuthorizeResult.DENY };
            for (const permission of [
              prodHardeningResourceRemediatePermission,
              prodHardeningEntityReadPermission,
            ]) {
              if (isPermission(req.permission, permission)) {
                return createProdHardeningConditionalDecision(
                  permission,
                  isResourceOwner(user.info.ownershipEntityRefs),
                );
              }
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const as = (userRef: string) => ({
  Authorization: mockCredentials.user.header(userRef),
});

/**
 * Remediation limited to owners, through Backstage's permission framework end to end:
 * the real permission backend asks the plugin to load each affected resource
 * (getResources: ARN → the catalog entity that lists it → its owner) and applies
 * IS_RESOURCE_OWNER; AWS is the seeded moto_server behind a request-counting proxy.
 */
describe('ownership in permissions (scope owners)', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let proxy: CountingProxy;
  let server: any;
  let events: RecordedAuditEvent[];
  let since = 0;

  /** Write calls to AWS since the test started (reads are previews and checks). */
  const writes = () =>
    proxy.log
      .slice(since)
      .filter(line =>
        /UpdateContinuousBackups|CreateDetector|POST \/detector/.test(line),
      );

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
    proxy = await startCountingProxy(moto.endpoint);
    const auditor = recordingAuditor();
    events = auditor.events;
    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({
          endpoint: proxy.endpoint,
          resources,
          permission: { enabled: true },
        }),
        catalogServiceMock.factory({ entities: seededCatalogEntities() }),
        permissionBackend,
        ownersOnlyPolicy,
        permissionsServiceFactory,
        seededUserInfo,
        httpAuthWithActors,
        auditor.factory,
      ],
    }));
  });

  beforeEach(async () => {
    await moto.reset();
    await reseed(moto, resources);
    since = proxy.log.length;
  });

  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  const preview = async (userRef: string, checkId: string) => {
    const res = await request(server)
      .post(`${API}/remediations/preview`)
      .set(as(userRef))
      .send({ checkId, override: true });
    expect(res.status).toBe(200);
    expect(res.body.planId).toEqual(expect.any(String));
    return res.body;
  };
  const execute = (headers: Record<string, string>, planId: string) =>
    request(server)
      .post(`${API}/remediations/execute`)
      .set(headers)
      .send({ planId, reason: 'CHG-77: backups for the cost tables' });
  const latestHistory = async () =>
    (
      await request(server)
        .get(`${API}/remediations/history?limit=1`)
        .set(as('user:default/dana'))
    ).body.items[0];
  const lastExecuteEvent = () =>
    events.filter(e => e.eventId === 'remediation-execute').pop();

  it('lets a member of the owning group remediate its resources', async () => {
    // The cost tables are Resources owned by group:default/finops.
    const plan = await preview('user:default/fiona', 'dynamodb-pitr');
    const res = await execute(as('user:default/fiona'), plan.planId);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('succeeded');
    expect(writes()).toHaveLength(2); // one UpdateContinuousBackups per table
  });

  it("refuses another team's resource with 403 naming the owner; nothing called, recorded", async () => {
    const plan = await preview('user:default/wendy', 'dynamodb-pitr');
    const res = await execute(as('user:default/wendy'), plan.planId);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'arn:aws:dynamodb:us-east-1:123456789012:table/huntaze-ai-costs-production is owned by group:default/finops',
    );
    expect(res.body.error.message).toMatch(
      /prod-hardening\.resource\.remediate/,
    );
    expect(writes()).toEqual([]);
    expect(await latestHistory()).toMatchObject({
      outcome: 'denied',
      actor: 'user:default/wendy',
      checkId: 'dynamodb-pitr',
      planId: plan.planId,
      calls: [],
    });
    expect(lastExecuteEvent()).toMatchObject({
      status: 'failed',
      endMeta: { outcome: 'denied' },
    });
  });

  it('refuses a service token before looking at the resources, recorded', async () => {
    const plan = await preview('user:default/fiona', 'dynamodb-pitr');
    const res = await execute(
      { Authorization: mockCredentials.service.header() },
      plan.planId,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/is not a user/);
    expect(writes()).toEqual([]);
    expect(await latestHistory()).toMatchObject({
      outcome: 'denied',
      planId: plan.planId,
    });
  });

  it('refuses a resource no catalog entity lists, even to the on-call group, with why', async () => {
    // GuardDuty is an account-wide setting: the account ARN, which no entity lists.
    const plan = await preview('user:default/dana', 'guardduty-enabled');
    const res = await execute(as('user:default/dana'), plan.planId);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'no catalog entity lists arn:aws:iam::123456789012:root, so no team owns it',
    );
    expect(writes()).toEqual([]);
    expect(await latestHistory()).toMatchObject({
      outcome: 'denied',
      actor: 'user:default/dana',
      checkId: 'guardduty-enabled',
    });
  });

  it("refuses a DLQ redrive to a team that does not own the rate limiter's queues", async () => {
    const res = await request(server)
      .post(`${API}/throttling/dlq/redrive`)
      .set(as('user:default/wendy'))
      .send({ maxMessages: 10 });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'arn:aws:sqs:us-east-1:123456789012:huntaze-rate-limiter-dlq is owned by group:default/platform-oncall',
    );
    expect(
      proxy.log
        .slice(since)
        .filter(line => /ReceiveMessage|SendMessage|DeleteMessage/.test(line)),
    ).toEqual([]);
    expect(await latestHistory()).toMatchObject({
      outcome: 'denied',
      actor: 'user:default/wendy',
      checkId: 'sqs-dlq-redrive',
    });
  });

  it('shows an entity summary to its owners only; a missing entity stays a 404', async () => {
    await request(server)
      .get(`${API}/entities/component/default/web/summary`)
      .set(as('user:default/wendy'))
      .expect(200);
    await request(server)
      .get(`${API}/entities/group/default/team-web/summary`)
      .set(as('user:default/wendy'))
      .expect(200);
    const other = await request(server)
      .get(`${API}/entities/component/default/ai/summary`)
      .set(as('user:default/wendy'));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain(
      'component:default/ai is owned by group:default/team-ai',
    );
    await request(server)
      .get(`${API}/entities/component/default/nope/summary`)
      .set(as('user:default/wendy'))
      .expect(404);
  });
});
