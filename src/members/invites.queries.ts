import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { MemberStatus, VouchRelation } from './members.table.js';
import { iso } from '../lib/time.js';

export interface Invite {
  id: number;
  inviterId: number;
  relation: VouchRelation;
  maxUses: number;
  uses: number;
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface InviteWithInviter extends Invite {
  inviter: { handle: string; displayName: string; status: MemberStatus };
}

const INVITE_COLUMNS = [
  'invites.id',
  'invites.inviter_id',
  'invites.relation',
  'invites.max_uses',
  'invites.uses',
  'invites.expires_at',
  'invites.created_at',
  'invites.revoked_at',
] as const;

function toInvite(row: {
  id: number;
  inviter_id: number;
  relation: VouchRelation;
  max_uses: number;
  uses: number;
  expires_at: string;
  created_at: string;
  revoked_at: string | null;
}): Invite {
  return {
    id: row.id,
    inviterId: row.inviter_id,
    relation: row.relation,
    maxUses: row.max_uses,
    uses: row.uses,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertInvite(
  db: DB,
  invite: { tokenHash: string; inviterId: number; relation: VouchRelation; maxUses: number; expiresAt: Date },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('invites')
    .values({
      token_hash: invite.tokenHash,
      inviter_id: invite.inviterId,
      relation: invite.relation,
      max_uses: invite.maxUses,
      expires_at: iso(invite.expiresAt),
      created_at: iso(now),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A member's invite links, newest first. */
export async function findInvitesOf(db: DB, inviterId: number): Promise<Invite[]> {
  const rows = await db
    .selectFrom('invites')
    .select(INVITE_COLUMNS)
    .where('inviter_id', '=', inviterId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toInvite);
}

/** One of a member's invite links; null when it is not theirs (or does not exist). */
export async function findInviteOf(db: DB, inviterId: number, inviteId: number): Promise<Invite | null> {
  const row = await db
    .selectFrom('invites')
    .select(INVITE_COLUMNS)
    .where('id', '=', inviteId)
    .where('inviter_id', '=', inviterId)
    .executeTakeFirst();
  return row ? toInvite(row) : null;
}

export async function findInviteByTokenHash(db: DB, tokenHash: string): Promise<InviteWithInviter | null> {
  const row = await db
    .selectFrom('invites')
    .innerJoin('members', 'members.id', 'invites.inviter_id')
    .select([...INVITE_COLUMNS, 'members.handle', 'members.display_name', 'members.status'])
    .where('invites.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  return { ...toInvite(row), inviter: { handle: row.handle, displayName: row.display_name, status: row.status } };
}

/**
 * Counts one use of a live link and returns it, in one statement so two people
 * joining at once cannot both take the last use; null when the link is closed.
 */
export async function claimInviteUse(db: DB, tokenHash: string, now: Date): Promise<Invite | null> {
  const row = await db
    .updateTable('invites')
    .set({ uses: sql`uses + 1` })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', iso(now))
    .where('uses', '<', sql<number>`max_uses`)
    .where('inviter_id', 'in', (eb) => eb.selectFrom('members').select('id').where('status', '=', 'active'))
    .returning(['id', 'inviter_id', 'relation', 'max_uses', 'uses', 'expires_at', 'created_at', 'revoked_at'])
    .executeTakeFirst();
  return row ? toInvite(row) : null;
}

/** Revokes one of the member's own live links; false when there was no such link. */
export async function revokeInvite(db: DB, inviterId: number, inviteId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set({ revoked_at: iso(now) })
    .where('id', '=', inviteId)
    .where('inviter_id', '=', inviterId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
