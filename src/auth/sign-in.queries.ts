import type { DB } from '../db/database.js';
import type { MemberStatus } from '../members/members.table.js';
import { iso } from '../lib/time.js';

/** What sign-in needs to know about the member an email or phone belongs to. */
export interface SignInAccount {
  id: number;
  displayName: string;
  passwordHash: string;
  status: MemberStatus;
}

export async function findAccountByContact(
  db: DB,
  contact: { email: string } | { phone: string },
): Promise<SignInAccount | null> {
  const query = db.selectFrom('members').select(['id', 'display_name', 'password_hash', 'status']);
  const row = await ('email' in contact
    ? query.where('email', '=', contact.email)
    : query.where('phone', '=', contact.phone)
  ).executeTakeFirst();
  return row
    ? { id: row.id, displayName: row.display_name, passwordHash: row.password_hash, status: row.status }
    : null;
}

/** A failed attempt: who it named, where it came from, when. */
export async function insertFailedSignIn(db: DB, account: string, address: string, now: Date): Promise<void> {
  await db
    .insertInto('failed_sign_ins')
    .values({ account, address, at: iso(now) })
    .execute();
}

/**
 * When the `n`th most recent failure since `since` happened, for one account or
 * one address; null when there were fewer than `n`. With `n` the limit, this
 * says both whether the limit is reached and when the oldest failure that
 * keeps it reached leaves the window.
 */
export async function findNthLatestFailure(
  db: DB,
  by: { account: string } | { address: string },
  n: number,
  since: Date,
): Promise<Date | null> {
  const query = db.selectFrom('failed_sign_ins').select('at').where('at', '>', iso(since));
  const row = await ('account' in by
    ? query.where('account', '=', by.account)
    : query.where('address', '=', by.address)
  )
    .orderBy('at', 'desc')
    .limit(1)
    .offset(n - 1)
    .executeTakeFirst();
  return row ? new Date(row.at) : null;
}

export async function deleteFailuresOfAccounts(db: DB, accounts: string[]): Promise<void> {
  if (accounts.length === 0) return;
  await db.deleteFrom('failed_sign_ins').where('account', 'in', accounts).execute();
}

export async function deleteFailuresBefore(db: DB, before: Date): Promise<void> {
  await db.deleteFrom('failed_sign_ins').where('at', '<', iso(before)).execute();
}

export async function findLatestDecisionReason(
  db: DB,
  memberId: number,
  decision: 'declined' | 'suspended',
): Promise<string | null> {
  const row = await db
    .selectFrom('member_decisions')
    .select('reason')
    .where('member_id', '=', memberId)
    .where('decision', '=', decision)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.reason || null;
}
