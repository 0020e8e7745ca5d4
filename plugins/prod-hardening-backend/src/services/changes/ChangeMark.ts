import type { Knex } from 'knex';

const MARKS = 'prod_hardening_change_marks';

/**
 * A version number in the shared database that a replica bumps after it changed the
 * account, and that every replica reads before serving what it cached: a change made
 * on one replica is seen by all at their next request, not when their cache expires.
 */
export class ChangeMark {
  constructor(
    private readonly db: Knex,
    private readonly key: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One atomic upsert, so concurrent bumps from two replicas both count. */
  async bump(): Promise<void> {
    await this.db(MARKS)
      .insert({
        mark_key: this.key,
        version: 1,
        changed_at: this.now().toISOString(),
      })
      .onConflict('mark_key')
      .merge({
        version: this.db.raw('?? + 1', [`${MARKS}.version`]),
        changed_at: this.now().toISOString(),
      });
  }

  /** The current version; 0 before the first change. */
  async read(): Promise<number> {
    const row = await this.db(MARKS)
      .where({ mark_key: this.key })
      .first('version');
    return row ? Number(row.version) : 0;
  }
}
