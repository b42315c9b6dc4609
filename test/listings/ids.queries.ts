import type { DB } from '../../src/db/database.js';

/** Who holds a listing id, straight from the tables: the local authors and the sibling towns shown with it. */
export async function holdersOf(db: DB, id: string): Promise<{ authors: number[]; origins: string[] }> {
  const local = await db.selectFrom('listings').select('author_id').where('id', '=', id).execute();
  const remote = await db.selectFrom('remote_listings').select('origin').where('id', '=', id).execute();
  return { authors: local.map((r) => r.author_id), origins: remote.map((r) => r.origin) };
}
