import type { DB } from '../../src/db/database.js';

/** Renames every currency: setup names the first one after the town's last word, which a test's marks may split. */
export async function renameCurrencies(db: DB, name: string): Promise<void> {
  await db.updateTable('currencies').set({ name }).execute();
}
