import { sql } from 'kysely';
import type { DB } from '../db/database.js';

/** True when the database answers a read (for `/healthz`: a monitor needs only that). */
export async function databaseAnswers(db: DB): Promise<boolean> {
  try {
    await sql`SELECT count(*) FROM community`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** SQLite's own quick integrity check: 'ok', or what it found damaged (one line per problem, joined). */
export async function quickCheck(db: DB): Promise<string> {
  const { rows } = await sql<{ quick_check: string }>`PRAGMA quick_check`.execute(db);
  return rows.map((r) => Object.values(r)[0]).join('; ');
}

/** The newest time the box has stored: a floor its clock should never be below. */
export async function findNewestStoredTime(db: DB): Promise<Date | null> {
  const { rows } = await sql<{ newest: string | null }>`
    SELECT max(t) AS newest FROM (
      SELECT max(created_at) AS t FROM members UNION ALL
      SELECT max(last_seen_at) FROM sessions UNION ALL
      SELECT max(created_at) FROM member_decisions UNION ALL
      SELECT max(created_at) FROM community
    )`.execute(db);
  return rows[0]?.newest ? new Date(rows[0].newest) : null;
}
