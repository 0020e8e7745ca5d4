// @ts-check

/**
 * A counter per kind of change (e.g. "posture"), bumped by the replica that changed
 * the account, so the other replicas drop what they cached before it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('prod_hardening_change_marks', t => {
    t.string('mark_key', 64).primary();
    t.bigInteger('version').notNullable();
    t.string('changed_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('prod_hardening_change_marks');
};
