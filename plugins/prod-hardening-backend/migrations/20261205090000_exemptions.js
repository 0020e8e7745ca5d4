// @ts-check

/**
 * Exemptions (accepted risk with an expiry). Rows are never deleted: a revoked or
 * expired exemption stays for the audit; its changes are also in the remediation
 * history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('prod_hardening_exemptions', t => {
    t.string('id').primary();
    t.string('kind', 16).notNullable();
    t.string('check_id', 128).nullable().index();
    t.string('resource_id', 2048).notNullable();
    t.string('finding_id', 2048).nullable();
    t.text('justification').notNullable();
    t.string('expires_at').notNullable();
    t.string('created_by').notNullable();
    t.string('created_at').notNullable();
    t.string('revoked_by').nullable();
    t.string('revoked_at').nullable();
    // A finding's workflow status before it was suppressed, and when it was put back.
    t.string('previous_workflow_status', 16).nullable();
    t.string('workflow_restored_at').nullable();
  });
  // The trend keeps the score with exemptions beside the raw one.
  await knex.schema.alterTable('prod_hardening_posture_snapshots', t => {
    t.float('security_hub_percent_with_exemptions').nullable();
    t.float('severity_weighted_percent_with_exemptions').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('prod_hardening_posture_snapshots', t => {
    t.dropColumn('security_hub_percent_with_exemptions');
    t.dropColumn('severity_weighted_percent_with_exemptions');
  });
  await knex.schema.dropTable('prod_hardening_exemptions');
};
