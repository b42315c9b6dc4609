import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import { iso } from '../lib/time.js';

/** The stewards' hand on accounts: limits and freezing, the log of their changes, and the zero-sum check they read. */

export async function setAccountLimits(db: DB, accountId: number, lower: number, upper: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ lower_limit: lower, upper_limit: upper })
    .where('id', '=', accountId)
    .execute();
}

export async function setAccountFrozen(db: DB, accountId: number, reason: string | null): Promise<void> {
  await db.updateTable('accounts').set({ frozen_reason: reason }).where('id', '=', accountId).execute();
}

export async function insertAccountChange(
  db: DB,
  change: {
    accountId: number;
    actorId: number;
    change: 'limits' | 'freeze' | 'unfreeze';
    lowerLimit: number;
    upperLimit: number;
    reason: string;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('account_changes')
    .values({
      account_id: change.accountId,
      actor_id: change.actorId,
      change: change.change,
      lower_limit: change.lowerLimit,
      upper_limit: change.upperLimit,
      reason: change.reason,
      created_at: iso(now),
    })
    .execute();
}

/**
 * A steward's latest change of this kind to an account, if any: a form sent twice repeats it, and must not log it
 * twice.
 */
export async function findLastAccountChange(
  db: DB,
  accountId: number,
  change: 'limits' | 'freeze' | 'unfreeze',
): Promise<{ actorId: number; lowerLimit: number; upperLimit: number; reason: string } | null> {
  const row = await db
    .selectFrom('account_changes')
    .select(['actor_id as actorId', 'lower_limit as lowerLimit', 'upper_limit as upperLimit', 'reason'])
    .where('account_id', '=', accountId)
    .where('change', '=', change)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ?? null;
}

/** The stewards' changes to an account, newest first, with who made them. */
export async function findAccountChanges(db: DB, accountId: number) {
  return db
    .selectFrom('account_changes as c')
    .innerJoin('members as m', 'm.id', 'c.actor_id')
    .select([
      'c.change',
      'c.lower_limit as lowerLimit',
      'c.upper_limit as upperLimit',
      'c.reason',
      'c.created_at as at',
      'm.display_name as by',
    ])
    .where('c.account_id', '=', accountId)
    .orderBy('c.id', 'desc')
    .execute();
}

/**
 * Per currency: the sum of every balance, the sum of every entry, and how many accounts' balances differ from their
 * entries. All must be zero.
 */
export async function findZeroSumCheck(
  db: DB,
): Promise<{ currencyId: number; code: string; balanceSum: number; entrySum: number; mismatched: number }[]> {
  const rows = await sql<{
    currency_id: number;
    code: string;
    balance_sum: number;
    entry_sum: number;
    mismatched: number;
  }>`
    SELECT c.id AS currency_id, c.code,
      coalesce((SELECT sum(a.balance) FROM accounts a WHERE a.currency_id = c.id), 0) AS balance_sum,
      coalesce((SELECT sum(e.amount) FROM entries e JOIN accounts a ON a.id = e.account_id
        WHERE a.currency_id = c.id), 0) AS entry_sum,
      (SELECT count(*) FROM accounts a WHERE a.currency_id = c.id
         AND a.balance <> coalesce((SELECT sum(e.amount) FROM entries e WHERE e.account_id = a.id), 0)) AS mismatched
    FROM currencies c ORDER BY c.id`.execute(db);
  return rows.rows.map((r) => ({
    currencyId: r.currency_id,
    code: r.code,
    balanceSum: r.balance_sum,
    entrySum: r.entry_sum,
    mismatched: r.mismatched,
  }));
}
