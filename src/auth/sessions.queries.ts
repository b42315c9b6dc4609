import type { DB } from '../db/database.js';
import type { Actor } from './actor.js';
import { iso } from '../lib/time.js';

export async function insertSession(
  db: DB,
  tokenHash: string,
  memberId: number,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash,
      member_id: memberId,
      created_at: iso(now),
      last_seen_at: iso(now),
      expires_at: iso(expiresAt),
    })
    .execute();
}

/** The active member behind a session, if the session exists and has not expired. */
export async function findSessionMember(
  db: DB,
  tokenHash: string,
  now: Date,
): Promise<(Actor & { lastSeenAt: string }) | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.member_id')
    .select([
      'members.id',
      'members.handle',
      'members.display_name',
      'members.role',
      'members.status',
      'members.locale',
      'sessions.last_seen_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', iso(now))
    .where('members.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    locale: row.locale,
    lastSeenAt: row.last_seen_at,
  };
}

export async function touchSession(db: DB, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: iso(now), expires_at: iso(expiresAt) })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(db: DB, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a member (password change, suspension), except optionally the current one. */
export async function deleteSessionsOfMember(db: DB, memberId: number, keepTokenHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('member_id', '=', memberId);
  if (keepTokenHash) query = query.where('token_hash', '<>', keepTokenHash);
  await query.execute();
}
