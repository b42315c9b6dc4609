import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { GroupMembershipStatus, GroupRole, GroupVisibility, JoinPolicy } from './groups.table.js';
import type { MemberRole, Visibility } from '../members/members.table.js';
import type { Scale } from '../ledger/amounts.js';
import { iso } from '../lib/time.js';
import { canSee, viewerReach } from '../members/members.js';
import {
  isReservedSlug,
  slugFrom,
  visibleGroups,
  type GroupHoldings,
  type GroupRow,
  type Viewer,
  type VisibleGroups,
} from './groups.js';

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

/** A person in a group's lists: named as their profile allows a signed-in member to see. */
export interface GroupPerson {
  handle: string;
  name: string;
  role: GroupRole;
  status: GroupMembershipStatus;
}

/** Who is in a group, who asked to join and who was invited; suspended members are left out. */
export async function findPeopleInGroup(db: DB, groupId: number, viewerId: number): Promise<GroupPerson[]> {
  const rows = await db
    .selectFrom('group_members as gm')
    .innerJoin('members as m', 'm.id', 'gm.member_id')
    .select(['m.id', 'm.handle', 'm.display_name', 'm.name_visibility', 'gm.role', 'gm.status'])
    .where('gm.group_id', '=', groupId)
    .where('m.status', '=', 'active')
    .orderBy('gm.role')
    .orderBy('m.display_name')
    .execute();
  return rows.map((row) => ({
    handle: row.handle,
    name: nameShownTo(row, viewerId),
    role: row.role,
    status: row.status,
  }));
}

/** The stewards, who are the root group's admins. */
export async function findStewards(db: DB, viewerId: number | null): Promise<{ handle: string; name: string }[]> {
  const rows = await db
    .selectFrom('members')
    .select(['id', 'handle', 'display_name', 'name_visibility'])
    .where('role', '=', 'steward')
    .where('status', '=', 'active')
    .orderBy('display_name')
    .execute();
  // A visitor sees only the stewards whose names are public: a handle is made from the name, so it would tell.
  return rows
    .filter((row) => viewerId !== null || canSee('everyone', row.name_visibility))
    .map((row) => ({ handle: row.handle, name: nameShownTo(row, viewerId) }));
}

/** A member's name as their profile lets this viewer see it; otherwise their handle, which is public. */
function nameShownTo(
  row: { id: number; handle: string; display_name: string; name_visibility: Visibility },
  viewerId: number | null,
): string {
  return canSee(viewerReach(viewerId, row.id), row.name_visibility) ? row.display_name : row.handle;
}

/** An active member found by handle, to invite. */
export async function findActiveMemberByHandle(
  db: DB,
  handle: string,
): Promise<{ id: number; role: MemberRole } | null> {
  const row = await db
    .selectFrom('members')
    .select(['id', 'role'])
    .where('handle', '=', handle)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row ?? null;
}

/** A member's stored place in a group, by their handle. */
export async function findMembershipByHandle(
  db: DB,
  groupId: number,
  handle: string,
): Promise<{ memberId: number; role: GroupRole; status: GroupMembershipStatus } | null> {
  const row = await db
    .selectFrom('group_members as gm')
    .innerJoin('members as m', 'm.id', 'gm.member_id')
    .select(['gm.member_id', 'gm.role', 'gm.status'])
    .where('gm.group_id', '=', groupId)
    .where('m.handle', '=', handle)
    .executeTakeFirst();
  return row ? { memberId: row.member_id, role: row.role, status: row.status } : null;
}

export async function countAdmins(db: DB, groupId: number): Promise<number> {
  const row = await db
    .selectFrom('group_members as gm')
    .innerJoin('members as m', 'm.id', 'gm.member_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('gm.group_id', '=', groupId)
    .where('gm.role', '=', 'admin')
    .where('gm.status', '=', 'active')
    .where('m.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function slugTaken(db: DB, slug: string, exceptGroupId?: number): Promise<boolean> {
  let query = db.selectFrom('groups').select('id').where('slug', '=', slug);
  if (exceptGroupId !== undefined) query = query.where('id', '<>', exceptGroupId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** A free slug made from a name: "repair-cafe", then "repair-cafe-2", … */
export async function freeSlugFor(db: DB, name: string): Promise<string> {
  const base = slugFrom(name) || 'group';
  const taken = new Set(
    (await db.selectFrom('groups').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug),
  );
  if (!taken.has(base) && !isReservedSlug(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
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

/**
 * What a group holds beyond its own row: what deleting it would remove or
 * strand (judged by `deletionOf`). Listings, currencies and accounts belong to
 * other features, but the question is the group's, so it is asked here.
 */
export async function findGroupHoldings(db: DB, groupId: number): Promise<GroupHoldings> {
  const { subgroups } = await db
    .selectFrom('groups')
    .select((eb) => eb.fn.countAll<number>().as('subgroups'))
    .where('parent_id', '=', groupId)
    .executeTakeFirstOrThrow();
  const memberships: GroupHoldings['memberships'] = { active: 0, requested: 0, invited: 0 };
  const byStatus = await db
    .selectFrom('group_members')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('group_id', '=', groupId)
    .groupBy('status')
    .execute();
  for (const row of byStatus) memberships[row.status] = Number(row.n);
  // Only group-only listings carry a group_id (a CHECK ties the two together).
  const listings = await sql<{ open: number | null; total: number }>`
    SELECT sum(withdrawn_at IS NULL AND done_at IS NULL AND archived_at IS NULL) AS open, count(*) AS total
    FROM listings WHERE group_id = ${groupId}`.execute(db);
  const { open, total } = listings.rows[0]!;
  const currencies = await db
    .selectFrom('currencies as c')
    .select(['c.code', 'c.name'])
    .select((eb) =>
      eb
        .selectFrom('accounts as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.currency_id', '=', 'c.id')
        .as('accounts'),
    )
    .where('c.group_id', '=', groupId)
    .orderBy('c.code')
    .execute();
  const fundAccounts = await db
    .selectFrom('accounts as a')
    .innerJoin('currencies as c', 'c.id', 'a.currency_id')
    .select(['c.code', 'c.scale', 'a.balance'])
    .select((eb) =>
      eb
        .selectFrom('transfers as t')
        .select(eb.fn.countAll<number>().as('n'))
        .where((w) => w.or([w('t.payer_account_id', '=', w.ref('a.id')), w('t.payee_account_id', '=', w.ref('a.id'))]))
        .as('transfers'),
    )
    .where('a.group_id', '=', groupId)
    .orderBy('c.code')
    .execute();
  return {
    subgroups: Number(subgroups),
    memberships,
    openListings: Number(open ?? 0),
    closedListings: Number(total) - Number(open ?? 0),
    currencies: currencies.map((c) => ({ code: c.code, name: c.name, accounts: Number(c.accounts ?? 0) })),
    fundAccounts: fundAccounts.map((f) => ({
      code: f.code,
      scale: f.scale as Scale,
      balance: f.balance,
      transfers: Number(f.transfers ?? 0),
    })),
  };
}

/**
 * Deletes a subgroup and what goes with it: its memberships, requests and
 * invitations, and the listings shown only to it with their photos,
 * conversations and notices (all by the schema's ON DELETE CASCADE), then its
 * currencies that have no accounts. The caller has judged, in the same
 * transaction, that nothing else is at stake (`deletionOf`); the root is never
 * deleted, and then nothing else is either.
 */
export async function deleteGroup(db: DB, groupId: number): Promise<void> {
  const deleted = await db
    .deleteFrom('groups')
    .where('id', '=', groupId)
    .where('parent_id', 'is not', null)
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) return;
  await db
    .deleteFrom('currencies')
    .where('group_id', '=', groupId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('accounts').select('accounts.id').whereRef('accounts.currency_id', '=', 'currencies.id'))),
    )
    .execute();
}

/** Records a member's place in a group, replacing any earlier request or invitation. */
export async function putMembership(
  db: DB,
  groupId: number,
  memberId: number,
  membership: { role: GroupRole; status: GroupMembershipStatus },
  now: Date,
): Promise<void> {
  await db
    .insertInto('group_members')
    .values({
      group_id: groupId,
      member_id: memberId,
      role: membership.role,
      status: membership.status,
      created_at: iso(now),
    })
    .onConflict((oc) =>
      oc.columns(['group_id', 'member_id']).doUpdateSet({ role: membership.role, status: membership.status }),
    )
    .execute();
}

export async function setMembershipRole(db: DB, groupId: number, memberId: number, role: GroupRole): Promise<void> {
  await db
    .updateTable('group_members')
    .set({ role })
    .where('group_id', '=', groupId)
    .where('member_id', '=', memberId)
    .execute();
}

export async function deleteMembership(db: DB, groupId: number, memberId: number): Promise<void> {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).where('member_id', '=', memberId).execute();
}
