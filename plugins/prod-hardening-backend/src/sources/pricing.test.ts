import { DefaultAwsClientFactory } from '../aws';
import {
  PriceListServer,
  startPriceListServer,
} from '../testUtils/priceListServer';
import { useEmulatorCredentials } from '../testUtils/localAccount';
import { PRICE_CACHE_TTL_MS, PriceListSource } from './pricing';

jest.setTimeout(30_000);

const PITR = {
  serviceCode: 'AmazonDynamoDB',
  filters: { productFamily: 'Database Storage' },
  usagetype: 'TimedPITRStorage-ByteHrs',
};

describe('PriceListSource against recorded GetProducts answers over HTTP', () => {
  let server: PriceListServer;
  const factories: DefaultAwsClientFactory[] = [];

  const source = (options: { region?: string; nowMs?: () => number } = {}) => {
    const aws = new DefaultAwsClientFactory({
      accountId: '123456789012',
      region: options.region ?? 'us-east-1',
      // The emulator's endpoint would serve every other client; prices come from here.
      endpoint: 'http://127.0.0.1:1',
      pricingEndpoint: server.endpoint,
      connectTimeoutMs: 1000,
      requestTimeoutMs: 5000,
      maxAttempts: 1,
    });
    factories.push(aws);
    return new PriceListSource(aws, { nowMs: options.nowMs });
  };

  beforeAll(() => useEmulatorCredentials());

  beforeEach(async () => {
    server = await startPriceListServer({ pageSize: 2 });
  });

  afterEach(async () => {
    for (const f of factories.splice(0)) f.destroy();
    await server.stop();
  });

  it("reads the region's on-demand price with the service's filters, following every page", async () => {
    const price = await source().unitPrice({
      ...PITR,
      regionCode: 'us-east-1',
    });
    expect(price).toEqual({
      sku: 'R6PXMNYCEDGZ2EYN',
      usagetype: 'TimedPITRStorage-ByteHrs',
      unit: 'GB-Mo',
      tiers: [{ beginRange: 0, endRange: Infinity, usdPerUnit: 0.2 }],
      description: '$0.20 per GB-Month for PITR backup storage',
    });
    // Three us-east-1 storage products, two a page: two requests, the second with the token.
    expect(server.requests).toEqual([
      {
        signedFor: 'us-east-1',
        ServiceCode: 'AmazonDynamoDB',
        FormatVersion: 'aws_v1',
        MaxResults: 100,
        Filters: [
          { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
          {
            Type: 'TERM_MATCH',
            Field: 'productFamily',
            Value: 'Database Storage',
          },
        ],
      },
      expect.objectContaining({ NextToken: '2' }),
    ]);
  });

  it('picks a region-prefixed usage type and keeps tiers in order', async () => {
    const eu = await source({ region: 'eu-central-1' }).unitPrice({
      ...PITR,
      regionCode: 'eu-central-1',
    });
    expect(eu).toMatchObject({
      usagetype: 'EUC1-TimedPITRStorage-ByteHrs',
      tiers: [{ usdPerUnit: 0.243 }],
    });
    // A European account asks the Frankfurt endpoint of the Price List.
    expect(server.requests[0].signedFor).toBe('eu-central-1');

    const flowLogs = await source().unitPrice({
      serviceCode: 'AmazonGuardDuty',
      filters: {},
      usagetype: 'PaidEventsAnalyzed-Bytes',
      regionCode: 'us-east-1',
    });
    expect(flowLogs.tiers.map(t => [t.beginRange, t.usdPerUnit])).toEqual([
      [0, 1],
      [500, 0.5],
      [2500, 0.25],
      [10000, 0.15],
    ]);
  });

  it('asks once a day for the same products', async () => {
    let now = Date.parse('2026-12-06T08:00:00Z');
    const pricing = source({ nowMs: () => now });
    const query = {
      serviceCode: 'AmazonGuardDuty',
      filters: {},
      regionCode: 'us-east-1',
    };
    await Promise.all([
      pricing.unitPrice({ ...query, usagetype: 'PaidEventsAnalyzed' }),
      pricing.unitPrice({ ...query, usagetype: 'PaidEventsAnalyzed-Bytes' }),
    ]);
    const firstFetch = server.requests.length;
    expect(firstFetch).toBe(2); // three products, two a page
    now += PRICE_CACHE_TTL_MS - 1;
    await pricing.unitPrice({ ...query, usagetype: 'PaidEventsAnalyzed' });
    expect(server.requests).toHaveLength(firstFetch);
    now += 1;
    await pricing.unitPrice({ ...query, usagetype: 'PaidEventsAnalyzed' });
    expect(server.requests).toHaveLength(firstFetch * 2);
  });

  it('says when the Price List has no such price', async () => {
    await expect(
      source().unitPrice({ ...PITR, regionCode: 'ap-south-1' }),
    ).rejects.toThrow(
      'the Price List has no AmazonDynamoDB TimedPITRStorage-ByteHrs price in ap-south-1',
    );
  });

  it('does not keep a refusal: the next question asks again', async () => {
    const pricing = source();
    server.setMode({ kind: 'denied' });
    await expect(
      pricing.unitPrice({ ...PITR, regionCode: 'us-east-1' }),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('pricing:GetProducts'),
    });
    server.setMode({ kind: 'answer' });
    await expect(
      pricing.unitPrice({ ...PITR, regionCode: 'us-east-1' }),
    ).resolves.toMatchObject({ usagetype: 'TimedPITRStorage-ByteHrs' });
  });
});
