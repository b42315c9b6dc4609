import { sql } from 'kysely';
import type { DB } from '../../src/db/database.js';

/** An archive left `making` by a box that stopped while making it (its file never finished). */
export async function insertInterruptedExport(db: DB, memberId: number, now: Date): Promise<void> {
  const later = new Date(now.getTime() + 86_400_000).toISOString();
  await sql`INSERT INTO data_exports (member_id, state, done_steps, total_steps, file, locale, created_at, expires_at)
    VALUES (${memberId}, 'making', 3, 30, 'interrupted.tar.gz', 'en', ${now.toISOString()}, ${later})`.execute(db);
}

export async function countExports(db: DB, memberId: number): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM data_exports WHERE member_id = ${memberId}`.execute(db);
  return rows[0]!.n;
}
