import type { DB } from '../../src/db/database.js';

/** The few reads and writes the ledger's bad-input cases make behind the app's back. */

export async function accountIdOfMember(db: DB, memberId: number): Promise<number> {
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return account.id;
}

export async function unfreezeAccount(db: DB, accountId: number): Promise<void> {
  await db.updateTable('accounts').set({ frozen_reason: null }).where('id', '=', accountId).execute();
}
