import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import {
  pluginConfig,
  reseed,
  startSeededMoto,
} from '../testUtils/localAccount';
import {
  PriceListServer,
  startPriceListServer,
} from '../testUtils/priceListServer';
import {
  seededCatalogEntities,
  seededUserInfo,
} from '../testUtils/seededCatalog';

jest.setTimeout(180_000);

const API = '/api/prod-hardening';
const DANA = 'user:default/dana'; // platform on-call: the requester
const SAM = 'user:default/sam'; // security: an approver
const REASON = 'GuardDuty is off in production since the account move.';

describe('fix costs in the preview and the approvals, from recorded Price List answers', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let prices: PriceListServer;

  const backend = async (pricingEndpoint = prices.endpoint) => {
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({
          endpoint: moto.endpoint,
          resources,
          pricingEndpoint,
          approvals: {
            checks: ['guardduty-enabled'],
            overriddenBlockers: false,
          },
        }),
        catalogServiceMock.factory({ entities: seededCatalogEntities() }),
        seededUserInfo,
      ],
    });
    const as = (user: string) => ({
      authorization: mockCredentials.user.header(user),
    });
    return {
      preview: (checkId: string, user = DANA) =>
        request(server)
          .post(`${API}/remediations/preview`)
          .set(as(user))
          .send({ checkId }),
      execute: (planId: string, user = DANA) =>
        request(server)
          .post(`${API}/remediations/execute`)
          .set(as(user))
          .send({ planId }),
      ask: (planId: string) =>
        request(server)
          .post(`${API}/remediations/approvals`)
          .set(as(DANA))
          .send({ planId, reason: REASON }),
      get: (id: string) =>
        request(server).get(`${API}/remediations/approvals/${id}`).set(as(SAM)),
    };
  };

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
  });

  beforeEach(async () => {
    await moto.reset();
    await reseed(moto, resources);
    prices = await startPriceListServer();
  });

  afterEach(async () => {
    await prices.stop();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('shows what enabling GuardDuty adds a month, and the approver sees the same', async () => {
    const api = await backend();
    const plan = await api.preview('guardduty-enabled');
    expect(plan.status).toBe(200);
    expect(plan.body.fixCost).toEqual({
      monthlyUsd: 28,
      currency: 'USD',
      source: 'aws-price-list',
      assumptions: [
        'Assumes 2,000,000 CloudTrail management events a month at $0.000004 per Events (USE1-PaidEventsAnalyzed).',
        "Assumes 20 GB of VPC Flow Logs and DNS query logs a month at $1.00 per GB (USE1-PaidEventsAnalyzed-Bytes) (GuardDuty reads them on AWS's side, so the account cannot tell their volume).",
        'A new detector is free for its first 30 days.',
        'Optional protection plans (S3, EKS, malware, RDS, Lambda, runtime monitoring) are billed separately and not included.',
      ],
    });
    expect(prices.requests).toEqual([
      expect.objectContaining({
        signedFor: 'us-east-1',
        ServiceCode: 'AmazonGuardDuty',
        Filters: [
          { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
        ],
      }),
    ]);

    const asked = await api.ask(plan.body.planId);
    expect(asked.status).toBe(201);
    expect(asked.body.fixCost).toEqual(plan.body.fixCost);
    expect((await api.get(asked.body.id)).body).toMatchObject({
      canDecide: true,
      fixCost: plan.body.fixCost,
    });

    // Prices are kept for a day: the next preview asks the Price List nothing.
    await api.preview('guardduty-enabled');
    expect(prices.requests).toHaveLength(1);
  });

  it('prices the PITR and Container Insights fixes on usage read from the account', async () => {
    const api = await backend();
    const pitr = (await api.preview('dynamodb-pitr')).body.fixCost;
    expect(pitr).toMatchObject({
      monthlyUsd: expect.any(Number),
      assumptions: [
        expect.stringMatching(
          /^PITR storage is billed on the table size: \d+\.\d\d GB for .+ \(TableSizeBytes from DescribeTable/,
        ),
        expect.stringContaining('$0.20 per GB-Mo (TimedPITRStorage-ByteHrs)'),
      ],
    });
    const insights = (await api.preview('ecs-container-insights')).body.fixCost;
    expect(insights.monthlyUsd).toBeGreaterThan(0);
    expect(insights.assumptions[0]).toMatch(
      /^\d+ clusters with \d+ services and \d+ running tasks \(DescribeClusters\)\.$/,
    );
    expect(insights.assumptions[1]).toContain(
      '$0.30 per Metrics (CW:MetricMonitorUsage)',
    );
  });

  it('says the cost is unknown when the Price List refuses, and the plan still runs', async () => {
    prices.setMode({ kind: 'denied' });
    const api = await backend();
    const plan = await api.preview('dynamodb-pitr');
    expect(plan.status).toBe(200);
    expect(plan.body.planId).toEqual(expect.any(String));
    expect(plan.body.fixCost).toEqual({
      monthlyUsd: null,
      currency: 'USD',
      assumptions: [],
      unknownReason: expect.stringMatching(
        /^pricing could not be read: access denied: .*not authorized to perform: pricing:GetProducts/,
      ),
      source: 'aws-price-list',
    });
    const result = await api.execute(plan.body.planId);
    expect(result.status).toBe(200);
    expect(result.body.outcome).toBe('succeeded');
  });

  it('says the cost is unknown when the Price List cannot be reached', async () => {
    const api = await backend('http://127.0.0.1:1');
    const plan = await api.preview('sqs-encryption');
    // A free fix needs no price at all.
    expect(plan.body.fixCost).toMatchObject({
      monthlyUsd: 0,
      assumptions: ['No charge: SQS-managed encryption keys cost nothing.'],
    });
    const pitr = await api.preview('dynamodb-pitr');
    expect(pitr.status).toBe(200);
    expect(pitr.body.fixCost.unknownReason).toBe(
      'pricing could not be read: cannot connect to http://127.0.0.1:1 (connection refused)',
    );
  });

  it('does not hold the preview for a Price List that answers late', async () => {
    prices.setMode({ kind: 'late', delayMs: 4_500 });
    const api = await backend();
    const started = Date.now();
    const plan = await api.preview('dynamodb-pitr');
    const tookMs = Date.now() - started;
    expect(plan.status).toBe(200);
    expect(plan.body.planId).toEqual(expect.any(String));
    expect(plan.body.fixCost).toMatchObject({
      monthlyUsd: null,
      unknownReason:
        'pricing did not answer in time (3 s); preview again in a moment.',
    });
    expect(tookMs).toBeLessThan(4_500);
  });
});
