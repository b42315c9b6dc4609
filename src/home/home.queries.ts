import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import { iso } from '../lib/time.js';

/** Opening the home page again within this long is the same visit: a reload does not clear what was new. */
const SAME_VISIT_MINUTES = 30;

/**
 * Records that `memberId` opened the home page at `now`, and answers where the offers and wants shown as new begin:
 * the visit before this one (kept while this visit lasts), or null on a member's first visit. One statement, on the
 * table's primary key.
 */
export async function recordHomeVisit(db: DB, memberId: number, now: Date): Promise<string | null> {
  const sameVisitAfter = iso(new Date(now.getTime() - SAME_VISIT_MINUTES * 60_000));
  const { rows } = await sql<{ new_since: string | null }>`
    INSERT INTO home_visits (member_id, visited_at, new_since) VALUES (${memberId}, ${iso(now)}, NULL)
    ON CONFLICT (member_id) DO UPDATE SET
      new_since = CASE WHEN visited_at > ${sameVisitAfter} THEN new_since ELSE visited_at END,
      visited_at = excluded.visited_at
    RETURNING new_since`.execute(db);
  return rows[0]?.new_since ?? null;
}
