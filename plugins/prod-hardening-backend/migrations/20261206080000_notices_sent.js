// @ts-check

/**
 * The notices told to owners (findings, budget, limiter incidents, remediations):
 * one row per notice key with the fingerprint it was sent with, so a scan on any
 * replica tells nobody twice, and tells again only when the notice changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('prod_hardening_notices_sent', t => {
    t.string('key', 1024).primary();
    t.string('fingerprint', 255).notNullable();
    t.string('sent_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('prod_hardening_notices_sent');
};
