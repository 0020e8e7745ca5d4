import type Redis from 'ioredis';

/** Calls of each command Redis has run so far (since start or `CONFIG RESETSTAT`), from its command stats. */
export async function commandCalls(
  redis: Redis,
): Promise<Record<string, number>> {
  const stats = await redis.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of stats.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) {
    calls[match[1]] = Number(match[2]);
  }
  return calls;
}

/** Script calls (EVAL and EVALSHA) Redis has run so far, from its command stats. */
export async function scriptCalls(redis: Redis): Promise<number> {
  const calls = await commandCalls(redis);
  return (calls.evalsha ?? 0) + (calls.eval ?? 0);
}
