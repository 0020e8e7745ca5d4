import { Cluster } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import { startRedisCluster, RedisCluster } from '../../testUtils/redisCluster';
import { createRateLimiter } from './redisRateLimiter';
import { limiterKey } from '../contract';
import { scriptCalls } from '../../testUtils/scriptCalls';

jest.setTimeout(60_000);

const T0 = 1_700_000_000_000;
let cluster: RedisCluster;
let client: Cluster;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  client = new Cluster(cluster.nodes);
});

afterAll(async () => {
  client?.disconnect();
  await cluster?.stop();
});

/** Script calls (EVAL and EVALSHA) run by all masters so far. */
async function scriptCallsOnCluster() {
  const perNode = await Promise.all(client.nodes('master').map(scriptCalls));
  return perNode.reduce((a, b) => a + b, 0);
}

it('decides creators of many slots at once, one call per slot, each creator in order', async () => {
  const limiter = createRateLimiter({ redis: client, keyPrefix: 'c1' });
  const creators = Array.from({ length: 12 }, (_, i) => `creator-${i}`);
  const slots = new Set(creators.map(c => calculateSlot(limiterKey('c1', c))));
  expect(slots.size).toBeGreaterThan(1);
  // the first call on a node is answered NOSCRIPT and re-sent by EVAL: load
  // the script everywhere first (same hash tags, other prefix: same nodes)
  const warmUp = createRateLimiter({ redis: client, keyPrefix: 'warm-up' });
  await Promise.all(creators.map(c => warmUp.consume(c, T0)));
  const before = await scriptCallsOnCluster();
  const asked = creators.flatMap(c => Array.from({ length: 5 }, () => c));
  const decisions = await Promise.all(asked.map(c => limiter.consume(c, T0)));
  for (const creator of creators) {
    expect(
      decisions.filter((_, i) => asked[i] === creator).map(d => d.allowed),
    ).toEqual([true, true, true, false, false]);
  }
  // no CROSSSLOT refusal and no call per decision: one call per slot
  expect((await scriptCallsOnCluster()) - before).toBe(slots.size);
  await expect(limiter.peek('creator-0', T0)).resolves.toEqual({
    tokensAvailable: 0,
    retryAfter: 6_000,
    sendsInWindow: 3,
  });
});
