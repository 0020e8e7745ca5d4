// @ts-check

/**
 * A row that settles an attempt which timed out names that attempt's row (`settles`):
 * the timed-out row stays as it was sealed, and the late outcome is a new row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('prod_hardening_remediation_history', t => {
    t.string('settles').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('prod_hardening_remediation_history', t => {
    t.dropColumn('settles');
  });
};
