// @ts-check

/**
 * An approval request keeps the estimated monthly cost of its plan (JSON, as the
 * preview showed it), so the approver sees what the change costs. Null on requests
 * made before fix costs were estimated.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('prod_hardening_approvals', t => {
    t.text('fix_cost_json').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('prod_hardening_approvals', t => {
    t.dropColumn('fix_cost_json');
  });
};
