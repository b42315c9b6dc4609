import type { DB } from '../db/database.js';
import { iso } from '../lib/time.js';

/**
 * A member's stored password hash, and the email or phone their wrong passwords are counted under: the email when
 * they have both (signing in counts whichever was typed, each on its own).
 */
export async function findPasswordOf(
  db: DB,
  memberId: number,
): Promise<{ passwordHash: string; account: string } | null> {
  const row = await db
    .selectFrom('members')
    .select(['password_hash', 'email', 'phone'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  // Every member has one or the other (the table's `members_reachable` check).
  return row ? { passwordHash: row.password_hash, account: (row.email ?? row.phone)! } : null;
}

export async function setPasswordHash(db: DB, memberId: number, passwordHash: string): Promise<void> {
  await db.updateTable('members').set({ password_hash: passwordHash }).where('id', '=', memberId).execute();
}

export async function insertPasswordReset(
  db: DB,
  reset: { tokenHash: string; memberId: number; issuedBy: number; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: reset.tokenHash,
      member_id: reset.memberId,
      issued_by: reset.issuedBy,
      created_at: iso(now),
      expires_at: iso(reset.expiresAt),
    })
    .execute();
}

/** Removes a member's unused links, so only the newest one handed over works. */
export async function deleteUnusedResetsOf(db: DB, memberId: number): Promise<void> {
  await db.deleteFrom('password_resets').where('member_id', '=', memberId).where('used_at', 'is', null).execute();
}

/** The member a reset link is for, while it is unused and unexpired. */
export async function findOpenReset(
  db: DB,
  tokenHash: string,
  now: Date,
): Promise<{ memberId: number; displayName: string; expiresAt: string } | null> {
  const row = await db
    .selectFrom('password_resets')
    .innerJoin('members', 'members.id', 'password_resets.member_id')
    .select(['members.id', 'members.display_name', 'password_resets.expires_at'])
    .where('password_resets.token_hash', '=', tokenHash)
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', iso(now))
    .executeTakeFirst();
  return row ? { memberId: row.id, displayName: row.display_name, expiresAt: row.expires_at } : null;
}

/** Marks an open reset link used; the member it was for, or null if it was not open (any more). */
export async function claimReset(db: DB, tokenHash: string, now: Date): Promise<number | null> {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: iso(now) })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', iso(now))
    .returning('member_id')
    .executeTakeFirst();
  return row?.member_id ?? null;
}
