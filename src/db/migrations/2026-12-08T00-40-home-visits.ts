// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * The home page shows the offers and wants posted near a member since their last visit, so it remembers, per member,
 * when they last opened it (`visited_at`) and where the visit they are on began counting from (`new_since`: NULL on
 * the first visit, which shows the newest few instead).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE home_visits (
    member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    visited_at TEXT NOT NULL,
    new_since TEXT
  )`.execute(db);
}
