import type { DB } from '../db/database.js';

/** The box's own key/value settings (`meta`): one value by its key, or undefined. */
export async function readMeta(db: DB, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function insertMeta(db: DB, key: string, value: string): Promise<void> {
  await db.insertInto('meta').values({ key, value }).execute();
}

export async function deleteMeta(db: DB, key: string): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', key).execute();
}
