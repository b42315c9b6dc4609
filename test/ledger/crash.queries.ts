import { sql } from 'kysely';
import type { DB } from '../../src/db/database.js';

/** SQLite's own check of the file after a crash: `['ok']` when it is whole. */
export async function integrityCheck(db: DB): Promise<string[]> {
  const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
  return rows.map((row) => row.integrity_check);
}

/** Every transfer's id and the idempotency key it was made with. */
export function findTransferKeys(db: DB): Promise<{ id: string; idempotency_key: string }[]> {
  return db.selectFrom('transfers').select(['id', 'idempotency_key']).execute();
}
