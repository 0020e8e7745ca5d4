import {
  AI_PROVIDERS,
  COST_RETENTION_DAYS,
  INDEXES,
  MAX_BATCH_WRITE_ITEMS,
  RECORD_TYPES,
} from './constants';
import { CostLedgerWriteError, CostValidationError } from './errors';
import { rollupKey } from './keys';
import type { CostLedgerReader } from './ledgerReader';
import type { LedgerWriter, WriteRequests } from './ledgerWriter';
import type { DailyRollup } from './records';
import { flushMarks, groupForRollup } from './rollups';
import { DateRange, daySchema, parseOrThrow } from './schemas';
import { daysBetween, firstRetainedDay, isoMillis } from './time';

/**
 * Rebuilds daily rollups from the ledger's entries: exact and idempotent, for
 * `rollups: 'deferred'` loads, after a failed flush, or as a nightly check.
 */
export class RollupRebuilder {
  constructor(
    private readonly o: {
      reader: CostLedgerReader;
      writer: LedgerWriter;
      now: () => Date;
    },
  ) {}

  /**
   * Recomputes one day's rollups from its ledger entries and overwrites them (exact and
   * idempotent): for `rollups: 'deferred'`, after a failed flush, or as a nightly check.
   * Only for days whose entries are all still inside the 90-day retention.
   */
  async rebuildDay(date: string): Promise<DailyRollup[]> {
    parseOrThrow(daySchema, date, 'date');
    return this.rebuild({ from: date, to: date });
  }

  /**
   * `rebuildDailyRollups` for a range of days at once: one Query per provider on
   * `byProvider`, one on the rollups, then batched puts (and deletes of rollups whose
   * entries are gone).
   */
  async rebuild(range: DateRange): Promise<DailyRollup[]> {
    const { from, to } = this.o.reader.resolveRange(range);
    const now = this.o.now();
    if (from < firstRetainedDay(now, COST_RETENTION_DAYS)) {
      throw CostValidationError.of(
        range.from === range.to ? 'date' : 'range.from',
        `entries of ${from} are past the ${COST_RETENTION_DAYS}-day retention; its rollups cannot be rebuilt`,
      );
    }
    // The providers' index reads and the stored rollups, in parallel.
    const [stored, ...byProvider] = await Promise.all([
      this.o.reader.rollupItems(from, to),
      ...AI_PROVIDERS.map(provider =>
        this.o.reader.queryEntries(INDEXES.byProvider, 'provider', provider, {
          from,
          to,
        }),
      ),
    ]);
    const marksBySk = new Map(stored.map(r => [r.sk, flushMarks(r)]));
    const updatedAt = isoMillis(now);
    const rollups: DailyRollup[] = [
      ...groupForRollup(byProvider.flat()).values(),
    ]
      .map(g => ({
        ...rollupKey(g),
        recordType: RECORD_TYPES.rollup,
        ...g,
        updatedAt,
      }))
      .sort((a, b) => a.sk.localeCompare(b.sk));
    const keep = new Set(rollups.map(r => r.sk));
    const stale = stored.filter(r => !keep.has(r.sk));
    const requests = [
      // The writers' flush marks stay, so an addition already counted and resent
      // after the rebuild is still refused.
      ...rollups.map(r => ({
        PutRequest: { Item: { ...marksBySk.get(r.sk), ...r } },
      })),
      ...stale.map(r => ({ DeleteRequest: { Key: { pk: r.pk, sk: r.sk } } })),
    ];
    try {
      for (let i = 0; i < requests.length; i += MAX_BATCH_WRITE_ITEMS) {
        await this.batchWriteAll(requests.slice(i, i + MAX_BATCH_WRITE_ITEMS));
      }
    } finally {
      this.o.reader.rollupCache.invalidate(daysBetween(from, to));
    }
    return rollups;
  }

  private async batchWriteAll(requests: WriteRequests): Promise<void> {
    const left = await this.o.writer.batchWrite(requests);
    if (left.length > 0) {
      throw new CostLedgerWriteError([], this.o.writer.retryAttempts);
    }
  }
}
