import type { DB } from '../db/database.js';

/** Every group's id by its slug, so the demo can name parents by slug. */
export async function findGroupIdsBySlug(db: DB): Promise<Map<string, number>> {
  return new Map((await db.selectFrom('groups').select(['slug', 'id']).execute()).map((g) => [g.slug, g.id]));
}

/** A demo member who trades: every active member, oldest first. */
export interface DemoTrader {
  id: number;
  handle: string;
  role: 'member' | 'steward';
}

export async function findActiveTraders(db: DB): Promise<DemoTrader[]> {
  return db
    .selectFrom('members')
    .select(['id', 'handle', 'role'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** The community's own currency, made at setup: the root group's first. */
export async function findCommunityCurrencyCode(db: DB): Promise<string> {
  const row = await db
    .selectFrom('currencies')
    .innerJoin('groups', 'groups.id', 'currencies.group_id')
    .select('currencies.code')
    .where('groups.parent_id', 'is', null)
    .orderBy('currencies.id')
    .executeTakeFirstOrThrow();
  return row.code;
}

/** A group's id and its active members with their roles, or null when the demo has no such group. */
export async function findDemoGroup(
  db: DB,
  slug: string,
): Promise<{ id: number; members: { member_id: number; role: string }[] } | null> {
  const group = await db.selectFrom('groups').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!group) return null;
  const members = await db
    .selectFrom('group_members')
    .select(['member_id', 'role'])
    .where('group_id', '=', group.id)
    .where('status', '=', 'active')
    .execute();
  return { id: group.id, members };
}
