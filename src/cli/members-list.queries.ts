import type { DB } from '../db/database.js';

/**
 * The slugs of the groups each member administers, for the operator's list.
 * Unlike the pages, this ignores group visibility: whoever runs the CLI on the
 * box already holds the whole database.
 */
export async function findGroupsAdministered(db: DB): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['group_members.member_id', 'groups.slug'])
    .where('group_members.status', '=', 'active')
    .where('group_members.role', '=', 'admin')
    .orderBy('groups.slug')
    .execute();
  const slugs = new Map<number, string[]>();
  for (const row of rows) slugs.set(row.member_id, [...(slugs.get(row.member_id) ?? []), row.slug]);
  return slugs;
}
