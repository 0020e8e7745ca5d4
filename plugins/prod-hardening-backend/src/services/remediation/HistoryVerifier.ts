import type {
  HistoryChainBreak,
  HistoryVerification,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Knex } from 'knex';
import { ChainLink, checkLink } from '../../domain/history/chain';
import { HISTORY_TABLE, sealedRowOf } from './historyRows';
import { storeUnavailable } from './storeErrors';

/** Rows read per query: a long history is walked without holding it in memory. */
const PAGE_SIZE = 1000;

/**
 * Walks the remediation history's hash chain in order and reports the first broken
 * link: a sealed row edited, deleted or renumbered, or a completed row left outside
 * the chain. Used by GET /remediations/history/verify and `npm run history:verify`.
 */
export class HistoryVerifier {
  constructor(
    private readonly db: Knex,
    private readonly options: { pageSize?: number; now?: () => Date } = {},
  ) {}

  async verify(): Promise<HistoryVerification> {
    try {
      return await this.walk();
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  private async walk(): Promise<HistoryVerification> {
    const pageSize = this.options.pageSize ?? PAGE_SIZE;
    const verifiedAt = (this.options.now?.() ?? new Date()).toISOString();
    const inProgress = Number(
      (
        await this.db(HISTORY_TABLE)
          .whereNull('row_hash')
          .where({ outcome: 'in-progress' })
          .count({ n: '*' })
      )[0].n,
    );
    let head: ChainLink | undefined;
    let checkedRows = 0;
    let firstBreak: HistoryChainBreak | undefined;
    // By position, not by the previous page's last seq: a renumbered row is then
    // still met where it claims to be.
    for (let offset = 0; !firstBreak; offset += pageSize) {
      const rows = await this.db(HISTORY_TABLE)
        .whereNotNull('seal_seq')
        .orderBy('seal_seq', 'asc')
        .offset(offset)
        .limit(pageSize);
      for (const raw of rows) {
        const row = sealedRowOf(raw);
        const problem = checkLink(head, row);
        if (problem) {
          firstBreak = { seq: row.seq, id: row.id, problem };
          break;
        }
        head = { seq: row.seq, hash: row.rowHash };
        checkedRows++;
      }
      if (rows.length < pageSize) break;
    }
    if (!firstBreak) {
      // Every completed row is sealed when it is written; one without a seal was
      // inserted or unsealed behind the portal's back.
      const unsealed = await this.db(HISTORY_TABLE)
        .where(q => q.whereNull('row_hash').orWhereNull('seal_seq'))
        .whereNot({ outcome: 'in-progress' })
        .orderBy('started_at', 'asc')
        .first('id');
      if (unsealed) {
        firstBreak = {
          id: unsealed.id,
          problem:
            'it is completed but not sealed into the chain: it was written or changed outside the portal',
        };
      }
    }
    return {
      ok: !firstBreak,
      checkedRows,
      ...(head ? { head } : {}),
      ...(firstBreak ? { firstBreak } : {}),
      inProgress,
      verifiedAt,
    };
  }
}
