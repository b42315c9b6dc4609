import type { DB } from '../db/database.js';
import type { GroupRole, GroupVisibility, JoinPolicy } from './groups.table.js';
import { iso } from '../lib/time.js';
import { putMembership } from './group-members.queries.js';
import { isReservedSlug, SLUG_MAX, slugFrom, type GroupRow, type Viewer, type VisibleGroups } from './groups.js';
import { visibleGroups } from './group-access.js';

/**
 * Every group with the viewer's own membership and its count of active
 * members. A box holds a few hundred groups at most, so the visibility walk
 * runs over all of them in memory: one rule, one code path, for the tree, a
 * group's page and the API alike.
 */
async function findGroupRows(db: DB, viewerId: number | null): Promise<GroupRow[]> {
  const rows = await db
    .selectFrom('groups as g')
    .leftJoin('group_members as mine', (join) =>
      join.onRef('mine.group_id', '=', 'g.id').on('mine.member_id', '=', viewerId ?? -1),
    )
    .select([
      'g.id',
      'g.parent_id',
      'g.slug',
      'g.name',
      'g.purpose',
      'g.join_policy',
      'g.visibility',
      'mine.role as my_role',
      'mine.status as my_status',
    ])
    .select((eb) =>
      eb
        .selectFrom('group_members as gm')
        .innerJoin('members as m', 'm.id', 'gm.member_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('gm.group_id', '=', 'g.id')
        .where('gm.status', '=', 'active')
        .where('m.status', '=', 'active')
        .as('active_members'),
    )
    .execute();
  const communitySize = await countActiveCommunityMembers(db);
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    slug: row.slug,
    name: row.name,
    purpose: row.purpose,
    joinPolicy: row.join_policy,
    visibility: row.visibility,
    stored: row.my_role && row.my_status ? { role: row.my_role, status: row.my_status } : null,
    // Everyone active belongs to the root; no rows are stored for it.
    activeMembers: row.parent_id === null ? communitySize : Number(row.active_members ?? 0),
  }));
}

async function countActiveCommunityMembers(db: DB): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The groups this viewer may see, as a tree from the root. */
export async function findVisibleGroups(db: DB, viewer: Viewer): Promise<VisibleGroups> {
  return visibleGroups(await findGroupRows(db, viewer?.id ?? null), viewer);
}

/** One group as the API and other features show it. */
export interface GroupListing {
  slug: string;
  name: string;
  purpose: string;
  /** The parent's slug; null for the root (the community itself). */
  parent: string | null;
  join_policy: JoinPolicy;
  visibility: GroupVisibility;
  member_count: number;
  /** Present when the viewer is an active member (for the root: every member; stewards are its admins). */
  my_role?: GroupRole;
}

/**
 * `GET /api/v1/groups`: only the groups the viewer may see (a `group` group
 * only to its members, a `members` group only to signed-in members, and
 * nothing under a hidden parent), parents before children.
 */
export async function findGroupsVisibleTo(db: DB, viewer: Viewer): Promise<GroupListing[]> {
  const { all } = await findVisibleGroups(db, viewer);
  return all.map((group) => ({
    slug: group.slug,
    name: group.name,
    purpose: group.purpose,
    parent: group.parent?.slug ?? null,
    join_policy: group.joinPolicy,
    visibility: group.visibility,
    member_count: group.memberCount,
    ...(group.mine?.status === 'active' ? { my_role: group.mine.role } : {}),
  }));
}

/**
 * The groups a member is in, for their profile: only those the viewer may
 * see. The root is left out, since every member belongs to it.
 */
export async function findGroupsOfMember(
  db: DB,
  memberId: number,
  viewer: Viewer,
): Promise<{ slug: string; name: string; role: GroupRole }[]> {
  const roles = new Map(
    (
      await db
        .selectFrom('group_members')
        .select(['group_id', 'role'])
        .where('member_id', '=', memberId)
        .where('status', '=', 'active')
        .execute()
    ).map((r) => [r.group_id, r.role]),
  );
  if (roles.size === 0) return [];
  const { all } = await findVisibleGroups(db, viewer);
  return all.filter((g) => roles.has(g.id)).map((g) => ({ slug: g.slug, name: g.name, role: roles.get(g.id)! }));
}

/** A free slug made from a name: "repair-cafe", then "repair-cafe-2", … */
export async function freeSlugFor(db: DB, name: string): Promise<string> {
  return freeSlug(db, slugFrom(name) || 'group');
}

/** The slug itself if no group has it, else the first free "<slug>-2", "<slug>-3", … within SLUG_MAX. */
export async function freeSlug(db: DB, slug: string): Promise<string> {
  const stem = slug.slice(0, SLUG_MAX - 4).replace(/-+$/, '');
  const taken = new Set(
    (
      await db
        .selectFrom('groups')
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', slug), eb('slug', 'like', `${stem}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(slug) && !isReservedSlug(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

export interface GroupFields {
  name: string;
  slug: string;
  purpose: string;
  joinPolicy: JoinPolicy;
  visibility: GroupVisibility;
}

/** Creates a subgroup with its creator as its first admin; returns its id. */
export async function insertGroup(
  db: DB,
  parentId: number,
  fields: GroupFields,
  createdBy: number,
  now: Date,
): Promise<number> {
  const { id } = await db
    .insertInto('groups')
    .values({
      parent_id: parentId,
      name: fields.name,
      slug: fields.slug,
      purpose: fields.purpose,
      join_policy: fields.joinPolicy,
      visibility: fields.visibility,
      created_by: createdBy,
      created_at: iso(now),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await putMembership(db, id, createdBy, { role: 'admin', status: 'active' }, now);
  return id;
}

export async function updateGroup(db: DB, groupId: number, fields: Partial<GroupFields>): Promise<void> {
  await db
    .updateTable('groups')
    .set({
      name: fields.name,
      slug: fields.slug,
      purpose: fields.purpose,
      join_policy: fields.joinPolicy,
      visibility: fields.visibility,
    })
    .where('id', '=', groupId)
    .execute();
}

// Who is in a group and their places in it are asked in group-members.queries.ts; what a group holds, when it is
// deleted, in group-deletion.queries.ts. Other features record memberships through this file, as before.
export { deleteMembership, putMembership } from './group-members.queries.js';
