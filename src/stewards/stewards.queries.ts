import type { DB, MemberDecision } from '../db/database.js';

export interface DecisionLogEntry {
  member: { handle: string; displayName: string };
  /** Null when the box decided by itself (enough vouches). */
  actor: { handle: string; displayName: string } | null;
  decision: MemberDecision;
  reason: string;
  createdAt: string;
}

export async function countActiveStewards(db: DB): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'steward')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The latest decisions about members, newest first; `offset` skips that many of the newest (for the log's older pages). */
export async function findRecentDecisions(db: DB, limit: number, offset = 0): Promise<DecisionLogEntry[]> {
  const rows = await db
    .selectFrom('member_decisions')
    .innerJoin('members as member', 'member.id', 'member_decisions.member_id')
    .leftJoin('members as actor', 'actor.id', 'member_decisions.actor_id')
    .select([
      'member.handle as member_handle',
      'member.display_name as member_name',
      'actor.handle as actor_handle',
      'actor.display_name as actor_name',
      'member_decisions.decision',
      'member_decisions.reason',
      'member_decisions.created_at',
    ])
    .orderBy('member_decisions.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    member: { handle: r.member_handle, displayName: r.member_name },
    actor: r.actor_handle === null || r.actor_name === null ? null : { handle: r.actor_handle, displayName: r.actor_name },
    decision: r.decision,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}
