import type { Knex } from 'knex';
import type {
  AnomalyFeedback,
  AnomalyFeedbackValue,
  AnomalySource,
} from '@prod-hardening/plugin-prod-hardening-common';
import { guardQuery } from '../../database/unavailable';
import type { RecordedAnomalyFeedback } from '../../domain/finops';

const TABLE = 'prod_hardening_anomaly_feedback';
const STORE = 'anomaly feedback store';
/** Ids per `IN (...)`: SQLite allows 999 bound variables per statement. */
const IN_CHUNK = 500;

/**
 * Answers to cost anomalies in the Backstage database, so every replica shows the
 * same. Rows are only ever added: an anomaly's latest row is its answer, the others
 * its history.
 */
export class AnomalyFeedbackStore {
  /** `db` has the plugin's migrations applied (migrateDatabase). */
  constructor(private readonly db: Knex) {}

  async add(feedback: AnomalyFeedback): Promise<void> {
    await guardQuery(
      STORE,
      this.db(TABLE).insert({
        source: feedback.source,
        anomaly_id: feedback.anomalyId,
        feedback: feedback.feedback,
        comment: feedback.comment,
        answered_by: feedback.answeredBy,
        answered_at: feedback.answeredAt,
      }),
    );
  }

  /** Every answer given to these anomalies of one source (the page's few dozen). */
  async forAnomalies(
    source: AnomalySource,
    anomalyIds: readonly string[],
  ): Promise<RecordedAnomalyFeedback[]> {
    const records: RecordedAnomalyFeedback[] = [];
    for (let i = 0; i < anomalyIds.length; i += IN_CHUNK) {
      const rows = await guardQuery(
        STORE,
        this.db(TABLE)
          .where({ source })
          .whereIn('anomaly_id', anomalyIds.slice(i, i + IN_CHUNK)),
      );
      records.push(...rows.map(fromRow));
    }
    return records;
  }

  /** One anomaly's answers, newest first. */
  async history(
    source: AnomalySource,
    anomalyId: string,
  ): Promise<AnomalyFeedback[]> {
    const rows = await guardQuery(
      STORE,
      this.db(TABLE)
        .where({ source, anomaly_id: anomalyId })
        .orderBy([
          { column: 'answered_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ]),
    );
    return rows.map(row => {
      const { seq: _seq, ...feedback } = fromRow(row);
      return feedback;
    });
  }
}

function fromRow(row: any): RecordedAnomalyFeedback {
  return {
    seq: Number(row.id),
    source: row.source as AnomalySource,
    anomalyId: row.anomaly_id,
    feedback: row.feedback as AnomalyFeedbackValue,
    comment: row.comment ?? null,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
  };
}
