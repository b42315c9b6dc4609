// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * The languages of the box (issue 11): each member may choose theirs (null: follow the browser), and the community has
 * a default for everyone else, chosen at setup and changed by stewards. English for a box set up before languages.
 * No CHECK on the values: the app validates them, and a new language must not need SQLite's table rebuild.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE members ADD COLUMN locale TEXT`.execute(db);
  await sql`ALTER TABLE community ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en'`.execute(db);
}
