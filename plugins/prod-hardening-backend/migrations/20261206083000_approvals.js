// @ts-check

/**
 * Four-eyes approvals of risky remediations. A request names one stored plan (the
 * plan keeps its state hash); rows are never deleted: the decision and the execution
 * stay for the audit and are also in the remediation history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('prod_hardening_approvals', t => {
    t.string('id').primary();
    t.string('plan_id').notNullable().unique();
    t.string('check_id', 128).notNullable();
    t.string('resource_id', 2048).notNullable();
    t.text('title').notNullable();
    t.text('calls_json').notNullable();
    t.text('overridden_blockers_json').notNullable();
    t.text('requirement_json').notNullable();
    t.string('requester').notNullable();
    t.text('reason').notNullable();
    t.text('approver_groups_json').notNullable();
    // pending → approved | rejected; approved → executed (expired: from the clock).
    t.string('state', 16).notNullable().index();
    t.string('created_at').notNullable().index();
    t.string('expires_at').notNullable();
    t.string('decided_by').nullable();
    t.string('decided_at').nullable();
    t.text('decision_comment').nullable();
    t.string('executed_by').nullable();
    t.string('history_id').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('prod_hardening_approvals');
};
