import type { Knex } from 'knex';
import { guardQuery } from '../../database/unavailable';
import type { ServiceDailyCost } from '@prod-hardening/plugin-prod-hardening-common';
import type { CostExplorerOperation } from '../../sources/costExplorer';

const SERVICE_COSTS = 'prod_hardening_finops_service_costs';
const STATE = 'prod_hardening_finops_state';
const REQUESTS = 'prod_hardening_finops_ce_requests';

/** Rows per INSERT: SQLite allows 999 bound variables per statement. */
const INSERT_CHUNK = 200;

/**
 * What the scheduled Cost Explorer refresh stored, in the Backstage database (SQLite
 * locally, PostgreSQL in production) so every replica serves the same figures without
 * calling Cost Explorer: the daily cost by service, the last refresh's state, and the
 * number of requests sent per month and operation.
 */
export class FinOpsStore {
  /** `db` has the plugin's migrations applied (migrateDatabase). */
  constructor(private readonly db: Knex) {}

  /** A database error becomes a 503 that names this store. */
  private guard<T>(query: PromiseLike<T>): Promise<T> {
    return guardQuery('FinOps store', query);
  }

  /** Replaces every stored day × service row in one transaction. */
  async replaceServiceCosts(rows: readonly ServiceDailyCost[]): Promise<void> {
    await this.guard(
      this.db.transaction(async tx => {
        await tx(SERVICE_COSTS).delete();
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          await tx(SERVICE_COSTS).insert(
            rows.slice(i, i + INSERT_CHUNK).map(r => ({
              day: r.day,
              service: r.service,
              amount_micros: r.amountMicros,
            })),
          );
        }
      }),
    );
  }

  async getServiceCosts(): Promise<ServiceDailyCost[]> {
    const rows = await this.guard(
      this.db(SERVICE_COSTS)
        .select('day', 'service', 'amount_micros')
        .orderBy([{ column: 'day' }, { column: 'service' }]),
    );
    return rows.map(r => ({
      day: r.day,
      service: r.service,
      amountMicros: Number(r.amount_micros),
    }));
  }

  async getState<T>(key: string): Promise<T | undefined> {
    const row = await this.guard(
      this.db(STATE).where({ state_key: key }).first(),
    );
    return row ? (JSON.parse(row.value_json) as T) : undefined;
  }

  async setState(key: string, value: unknown, now: Date): Promise<void> {
    await this.guard(
      this.db(STATE)
        .insert({
          state_key: key,
          value_json: JSON.stringify(value),
          updated_at: now.toISOString(),
        })
        .onConflict('state_key')
        .merge(),
    );
  }

  /** Counts one billed request; atomic, so replicas refreshing at once add up. */
  async countRequest(month: string, operation: CostExplorerOperation) {
    await this.guard(
      this.db(REQUESTS)
        .insert({ month, operation, requests: 1 })
        .onConflict(['month', 'operation'])
        .merge({ requests: this.db.raw('?? + 1', [`${REQUESTS}.requests`]) }),
    );
  }

  async getRequests(month: string): Promise<number> {
    const rows = await this.guard(
      this.db(REQUESTS).where({ month }).select('requests'),
    );
    return rows.reduce((sum, r) => sum + Number(r.requests), 0);
  }
}
