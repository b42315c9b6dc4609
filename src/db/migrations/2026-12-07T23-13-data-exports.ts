// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * A member's archive of their own data ("Your data", issue 21): made in the background, kept a day. The archive itself
 * is a file in the data folder's `exports/` (named by `file`, random); this row says whose it is and how far it got.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE data_exports (
      id INTEGER PRIMARY KEY,
      member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
      state TEXT NOT NULL CHECK (state IN ('making', 'ready', 'failed')),
      done_steps INTEGER NOT NULL DEFAULT 0,
      total_steps INTEGER NOT NULL DEFAULT 0,
      file TEXT NOT NULL UNIQUE,
      locale TEXT NOT NULL,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      expires_at TEXT NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX data_exports_by_member ON data_exports (member_id, id)`.execute(db);
}
