// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * The funds of the groups a member runs are read on "My accounts" and on every steward's home page (stewards run the
 * community's own fund): found by `group_id`, which the unique (currency_id, group_id) pair cannot look up alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX accounts_group ON accounts (group_id) WHERE group_id IS NOT NULL`.execute(db);
}
