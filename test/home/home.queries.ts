import type { CompiledQuery } from 'kysely';
import type { DB } from '../../src/db/database.js';
import type { OpenDatabase } from '../../src/db/open.js';
import type { MemberStatus } from '../../src/members/members.table.js';

/** The handle the box gave the member who signs in with `email`. */
export async function handleOf(db: DB, email: string): Promise<string> {
  return (await db.selectFrom('members').select('handle').where('email', '=', email).executeTakeFirstOrThrow()).handle;
}

export async function groupIdOf(db: DB, slug: string): Promise<number> {
  return (await db.selectFrom('groups').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** A member made an active member of a group, as an accepted invitation leaves them. */
export async function addToGroup(db: DB, groupId: number, memberId: number): Promise<void> {
  await db
    .insertInto('group_members')
    .values({ group_id: groupId, member_id: memberId, role: 'member', status: 'active', created_at: '2026-11-22' })
    .execute();
}

/** A member's status changed behind the stewards' pages, to see what others are shown meanwhile. */
export async function setStatus(db: DB, memberId: number, status: MemberStatus): Promise<void> {
  await db.updateTable('members').set({ status }).where('id', '=', memberId).execute();
}

/** How SQLite will run a query the app made: each step's detail ("SEARCH l USING INDEX …", "SCAN g"). */
export function queryPlan(sqlite: OpenDatabase['sqlite'], query: CompiledQuery): string[] {
  const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as { detail: string }[];
  return plan.map((step) => step.detail);
}
