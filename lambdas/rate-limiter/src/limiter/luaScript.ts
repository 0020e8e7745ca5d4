import { createHash } from 'node:crypto';
import { Command } from 'ioredis';
import type { Cluster, Redis } from 'ioredis';

/**
 * A Lua script sent by EVALSHA, and by EVAL once when the node answers
 * NOSCRIPT (it never saw the script, `SCRIPT FLUSH`, a failover to a node
 * that never saw it); EVAL also caches it there, so the next call is EVALSHA
 * again. This is ioredis' own `defineCommand` recovery, done here because a
 * defined command is routed through the client's auto-pipeline when that is
 * on, which holds every call until the event loop's check phase
 * (`setImmediate`): a lone decision measured 30–45% slower that way. The
 * limiter already sends whatever can travel together in one call.
 *
 * Commands go through the client's `sendCommand`, so its key prefix, command timeout,
 * offline queue, retries and (on a Cluster) slot routing and redirections
 * apply as to any other command.
 */
export class LuaScript {
  readonly sha: string;

  /**
   * `readOnly` scripts go by EVALSHA_RO / EVAL_RO: Redis then fails any write inside
   * them, and a user with read-only key permissions (`%R~`) may run them.
   */
  constructor(
    readonly lua: string,
    private readonly options: { readOnly?: boolean } = {},
  ) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Runs the script on `keys` (all of one cluster slot) with `args`. */
  async run<Reply>(
    redis: Redis | Cluster,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<Reply> {
    const suffix = this.options.readOnly ? '_ro' : '';
    const send = (name: 'evalsha' | 'eval', script: string) =>
      redis.sendCommand(
        new Command(
          `${name}${suffix}`,
          [script, keys.length, ...keys, ...args],
          {
            replyEncoding: 'utf8',
            // the client's key prefix, as ioredis adds it to its own commands
            keyPrefix: redis.options.keyPrefix,
          },
        ),
      ) as Promise<Reply>;
    try {
      return await send('evalsha', this.sha);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT'))
        throw error;
      return send('eval', this.lua);
    }
  }
}
