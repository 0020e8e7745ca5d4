import type { Knex } from 'knex';
import {
  databaseUnavailable,
  guardQuery,
  isUniqueViolation,
} from '../../database';

const TABLE = 'prod_hardening_notices_sent';
const STORE = 'notice ledger';

/**
 * Which notices were told, in the Backstage database: a notice is claimed before it
 * is sent, so of two replicas (or two scans) only one tells the owners.
 */
export class NoticeLedger {
  /** `db` has the plugin's migrations applied (migrateDatabase). */
  constructor(private readonly db: Knex) {}

  /** Every notice key with the fingerprint it was last sent with. */
  async sent(): Promise<Map<string, string>> {
    const rows: Array<{ key: string; fingerprint: string }> = await guardQuery(
      STORE,
      this.db(TABLE).select('key', 'fingerprint'),
    );
    return new Map(rows.map(r => [r.key, r.fingerprint]));
  }

  /**
   * True when this caller may send the notice: its key was never sent, or was sent
   * with another fingerprint. Recorded at once, so a second claim gets false.
   */
  async claim(key: string, fingerprint: string, at: Date): Promise<boolean> {
    const sentAt = at.toISOString();
    const changed = await guardQuery(
      STORE,
      this.db(TABLE)
        .where({ key })
        .whereNot({ fingerprint })
        .update({ fingerprint, sent_at: sentAt }),
    );
    if (changed === 1) return true;
    try {
      await this.db(TABLE).insert({ key, fingerprint, sent_at: sentAt });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw databaseUnavailable(STORE, err);
    }
  }

  /** Forgets notices, so the next one under the key is told (an incident ended, a send failed). */
  async forget(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await guardQuery(STORE, this.db(TABLE).whereIn('key', keys).delete());
  }
}
