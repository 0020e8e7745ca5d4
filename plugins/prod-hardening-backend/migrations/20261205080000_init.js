// @ts-check

/**
 * The plugin's tables: remediation plans, history and locks, the posture snapshots,
 * and what the Cost Explorer refresh stored. Run by migrateDatabase at plugin start.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('prod_hardening_remediation_plans', t => {
    t.string('plan_id').primary();
    t.string('user_ref').notNullable();
    t.string('check_id').notNullable();
    t.string('resource_id', 2048).notNullable();
    t.string('state_hash').notNullable();
    t.text('plan_json').notNullable();
    t.bigInteger('expires_at_ms').notNullable();
    // Set once, by the one attempt that claims the plan (a conditional update).
    t.bigInteger('claimed_at_ms').nullable();
    t.string('claimed_by').nullable();
  });

  await knex.schema.createTable('prod_hardening_remediation_history', t => {
    t.string('id').primary();
    t.string('check_id').notNullable().index();
    t.string('resource_id', 2048).notNullable();
    t.string('plan_id').nullable();
    t.string('actor').notNullable();
    t.string('outcome').notNullable();
    t.text('message').notNullable();
    t.text('calls_json').notNullable();
    t.string('started_at').notNullable().index();
    t.integer('duration_ms').notNullable();
    t.string('verified_status').nullable();
    t.text('reason').nullable();
    t.text('overridden_blockers_json').nullable();
  });

  await knex.schema.createTable('prod_hardening_remediation_locks', t => {
    t.string('lock_key', 2100).primary();
    t.string('owner').notNullable();
    t.bigInteger('acquired_at_ms').notNullable();
  });

  await knex.schema.createTable('prod_hardening_posture_snapshots', t => {
    t.string('day').primary();
    t.string('taken_at').notNullable();
    t.float('security_hub_percent').nullable();
    t.float('severity_weighted_percent').nullable();
    t.integer('passed').notNullable();
    t.integer('failed').notNullable();
    t.integer('warned').notNullable();
    t.integer('errored').notNullable();
    t.text('statuses_json').notNullable();
  });

  await knex.schema.createTable('prod_hardening_finops_service_costs', t => {
    t.string('day', 10).notNullable();
    t.string('service', 512).notNullable();
    t.bigInteger('amount_micros').notNullable();
    t.primary(['day', 'service']);
  });

  await knex.schema.createTable('prod_hardening_finops_state', t => {
    t.string('state_key').primary();
    t.text('value_json').notNullable();
    t.string('updated_at').notNullable();
  });

  await knex.schema.createTable('prod_hardening_finops_ce_requests', t => {
    t.string('month', 7).notNullable();
    t.string('operation', 64).notNullable();
    t.integer('requests').notNullable();
    t.primary(['month', 'operation']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'prod_hardening_finops_ce_requests',
    'prod_hardening_finops_state',
    'prod_hardening_finops_service_costs',
    'prod_hardening_posture_snapshots',
    'prod_hardening_remediation_locks',
    'prod_hardening_remediation_history',
    'prod_hardening_remediation_plans',
  ]) {
    await knex.schema.dropTable(table);
  }
};
