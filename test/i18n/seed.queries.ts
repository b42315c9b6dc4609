import type { DB } from '../../src/db/database.js';

/**
 * Renames every currency: setup names the first one after the town's last word, which a test's marks may split; and
 * gives it a symbol, when asked, since a symbol is typed data too.
 */
export async function renameCurrencies(db: DB, name: string, symbol?: string): Promise<void> {
  await db
    .updateTable('currencies')
    .set(symbol ? { name, symbol } : { name })
    .execute();
}
