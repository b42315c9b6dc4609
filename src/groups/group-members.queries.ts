import type { DB } from '../db/database.js';
import type { MemberRole, Visibility } from '../members/members.table.js';
import { iso } from '../lib/time.js';
import { canSee, viewerReach } from '../members/members.js';
import type { GroupMembershipStatus, GroupRole } from './groups.table.js';

// Who is in a group, and the places members hold in it: asked by a group's page and its membership actions.

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

/**
 * The groups `adminId` runs that someone active has asked to join, with how many ask, by name: what the home page
 * counts for them (their memberships by group_members_member, each group's requests by its primary key).
 */
export async function findRequestsToGroupsRunBy(
  db: DB,
  adminId: number,
): Promise<{ slug: string; name: string; requests: number }[]> {
  const rows = await db
    .selectFrom('group_members as mine')
    .innerJoin('group_members as asked', 'asked.group_id', 'mine.group_id')
    .innerJoin('members as m', 'm.id', 'asked.member_id')
    .innerJoin('groups as g', 'g.id', 'mine.group_id')
    .select(['g.slug', 'g.name', (eb) => eb.fn.countAll<number>().as('requests')])
    .where('mine.member_id', '=', adminId)
    .where('mine.role', '=', 'admin')
    .where('mine.status', '=', 'active')
    .where('asked.status', '=', 'requested')
    .where('m.status', '=', 'active')
    .groupBy('g.id')
    .orderBy('g.name')
    .execute();
  return rows.map((r) => ({ slug: r.slug, name: r.name, requests: Number(r.requests) }));
}
