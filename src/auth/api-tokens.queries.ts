import type { DB } from '../db/database.js';
import type { Actor } from './actor.js';
import { iso } from '../lib/time.js';

export interface ApiTokenSummary {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function insertApiToken(
  db: DB,
  memberId: number,
  name: string,
  tokenHash: string,
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({ member_id: memberId, name, token_hash: tokenHash, created_at: iso(now) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findApiTokensOfMember(db: DB, memberId: number): Promise<ApiTokenSummary[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

/** The active member owning an unrevoked token; records when it was last used. */
export async function findMemberByApiToken(db: DB, tokenHash: string, now: Date): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('members', 'members.id', 'api_tokens.member_id')
    .select([
      'api_tokens.id as tokenId',
      'members.id',
      'members.handle',
      'members.display_name',
      'members.role',
      'members.status',
      'members.locale',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('members.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: iso(now) })
    .where('id', '=', row.tokenId)
    .execute();
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    locale: row.locale,
  };
}

/** Revokes one of the member's own tokens; false when there was no such token. */
export async function revokeApiToken(db: DB, memberId: number, tokenId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: iso(now) })
    .where('id', '=', tokenId)
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every token the member still has (a reset link takes an account back); how many it revoked. */
export async function revokeApiTokensOfMember(db: DB, memberId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: iso(now) })
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
