import type Redis from 'ioredis';

/** Script calls (EVAL and EVALSHA) Redis has run so far, from its command stats. */
export async function scriptCalls(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  const calls = (name: string) =>
    Number(stats.match(new RegExp(`cmdstat_${name}:calls=(\\d+)`))?.[1] ?? 0);
  return calls('evalsha') + calls('eval');
}
