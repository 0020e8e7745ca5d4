// @ts-check

const HISTORY = 'prod_hardening_remediation_history';

/**
 * The remediation history becomes append-only and tamper-evident: a completed row is
 * sealed into a hash chain (its position, the previous sealed row's hash, its own
 * hash), and the database refuses to change a sealed row or delete any row. An
 * attempt in progress may be updated once, to seal it with its outcome.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable(HISTORY, t => {
    t.integer('seal_seq').nullable().unique();
    t.string('prev_hash', 64).nullable();
    t.string('row_hash', 64).nullable();
  });

  const client = /** @type {{ dialect?: string }} */ (knex.client).dialect;
  if (client === 'postgresql') {
    await knex.raw(`
      CREATE FUNCTION prod_hardening_history_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
          RAISE EXCEPTION 'the remediation history is append-only: rows cannot be deleted';
        END IF;
        IF OLD.row_hash IS NOT NULL THEN
          RAISE EXCEPTION 'remediation history row % is completed and cannot be changed', OLD.id;
        END IF;
        IF NEW.row_hash IS NULL THEN
          RAISE EXCEPTION 'remediation history row % may only be changed to complete it', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await knex.raw(`
      CREATE TRIGGER prod_hardening_history_rows
      BEFORE UPDATE OR DELETE ON ${HISTORY}
      FOR EACH ROW EXECUTE FUNCTION prod_hardening_history_append_only()`);
    await knex.raw(`
      CREATE TRIGGER prod_hardening_history_truncate
      BEFORE TRUNCATE ON ${HISTORY}
      FOR EACH STATEMENT EXECUTE FUNCTION prod_hardening_history_append_only()`);
  } else if (client === 'sqlite3') {
    // The same rules for the local database (better-sqlite3 reports "sqlite3").
    await knex.raw(`
      CREATE TRIGGER prod_hardening_history_no_delete
      BEFORE DELETE ON ${HISTORY}
      BEGIN
        SELECT RAISE(ABORT, 'the remediation history is append-only: rows cannot be deleted');
      END`);
    await knex.raw(`
      CREATE TRIGGER prod_hardening_history_sealed
      BEFORE UPDATE ON ${HISTORY}
      WHEN OLD.row_hash IS NOT NULL OR NEW.row_hash IS NULL
      BEGIN
        SELECT RAISE(ABORT, 'remediation history row is completed and cannot be changed');
      END`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const client = /** @type {{ dialect?: string }} */ (knex.client).dialect;
  if (client === 'postgresql') {
    await knex.raw(`DROP TRIGGER prod_hardening_history_rows ON ${HISTORY}`);
    await knex.raw(
      `DROP TRIGGER prod_hardening_history_truncate ON ${HISTORY}`,
    );
    await knex.raw('DROP FUNCTION prod_hardening_history_append_only()');
  } else if (client === 'sqlite3') {
    await knex.raw('DROP TRIGGER prod_hardening_history_no_delete');
    await knex.raw('DROP TRIGGER prod_hardening_history_sealed');
  }
  await knex.schema.alterTable(HISTORY, t => {
    t.dropUnique(['seal_seq']);
    t.dropColumn('seal_seq');
    t.dropColumn('prev_hash');
    t.dropColumn('row_hash');
  });
};
