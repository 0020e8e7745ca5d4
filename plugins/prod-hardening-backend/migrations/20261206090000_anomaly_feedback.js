// @ts-check

/**
 * Answers to cost anomalies (yes / no / planned activity) given from the FinOps tab,
 * for AWS Cost Anomaly Detection's anomalies and the portal's own. Every answer is a
 * new row, never updated or deleted: the latest one per anomaly is shown, the rest
 * are its history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('prod_hardening_anomaly_feedback', t => {
    // Orders two answers given in the same millisecond.
    t.increments('id');
    t.string('source', 16).notNullable();
    t.string('anomaly_id', 512).notNullable();
    t.string('feedback', 32).notNullable();
    t.text('comment').nullable();
    t.string('answered_by').notNullable();
    t.string('answered_at').notNullable();
    t.index(
      ['source', 'anomaly_id'],
      'prod_hardening_anomaly_feedback_anomaly',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('prod_hardening_anomaly_feedback');
};
