import { Conflict, Forbidden } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import {
  type GroupRow,
  isActiveMember,
  isAdmin,
  type Membership,
  type Viewer,
  type VisibleGroup,
  type VisibleGroups,
} from './groups.js';
import type { GroupMembershipStatus, GroupRole, GroupVisibility } from './groups.table.js';

/**
 * Who may see a group, who is shown in it, and who may change it: the rules the group routes apply before they read
 * or write anything. A refusal is a status-free error naming its reason in the groups' catalogue.
 */

/**
 * Whether a group's own setting lets the viewer know it exists. An invitee
 * may see a members-only group: an admin chose to tell them about it, and
 * they cannot accept an invitation to a group they cannot open.
 *
 * Stewards get no exception: a steward who is not a member of a `group`
 * group does not see it. Stewards look after the box and admit people; a
 * group's privacy is its members' to keep, not the volunteers'.
 */
function visibilityAllows(visibility: GroupVisibility, viewer: Viewer, mine: Membership | null): boolean {
  switch (visibility) {
    case 'everyone':
      return true;
    case 'members':
      return viewer !== null;
    case 'group':
      return mine?.status === 'active' || mine?.status === 'invited';
  }
}

/** Every active member belongs to the root group; stewards are its admins. */
function rootMembership(viewer: Viewer): Membership | null {
  if (!viewer) return null;
  return { role: viewer.role === 'steward' ? 'admin' : 'member', status: 'active' };
}

/**
 * The groups a viewer may see. Visibility is inherited: a group is visible
 * only if its own setting allows it and its parent is visible, so a public
 * subgroup never reveals a hidden parent. Walking down from the root applies
 * both at once: a hidden group's subtree is never visited.
 */
export function visibleGroups(rows: GroupRow[], viewer: Viewer): VisibleGroups {
  const childrenOf = new Map<number | null, GroupRow[]>();
  for (const row of rows) {
    const siblings = childrenOf.get(row.parentId) ?? [];
    siblings.push(row);
    childrenOf.set(row.parentId, siblings);
  }
  const rootRow = childrenOf.get(null)?.[0];
  if (!rootRow) throw new Error('The community has no root group: has setup run?');

  const all: VisibleGroup[] = [];
  const visit = (row: GroupRow, parent: VisibleGroup | null): VisibleGroup | null => {
    const isRoot = parent === null;
    const mine = isRoot ? rootMembership(viewer) : row.stored;
    if (!visibilityAllows(row.visibility, viewer, mine)) return null;
    const { stored: _stored, activeMembers, ...group } = row;
    const node: VisibleGroup = { ...group, isRoot, parent, children: [], memberCount: activeMembers, mine };
    all.push(node);
    const children = [...(childrenOf.get(row.id) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    for (const child of children) {
      const visible = visit(child, node);
      if (visible) node.children.push(visible);
    }
    return node;
  };
  const root = visit(rootRow, null);
  const bySlug = new Map(all.map((g) => [g.slug, g]));
  return { root, all, find: (slug) => bySlug.get(slug) };
}

/** Who is in a group is shown to signed-in members; in a `group` group, only to its own members. */
export function canSeePeople(group: VisibleGroup, viewer: Viewer): boolean {
  if (!viewer) return false;
  return group.visibility === 'group' ? isActiveMember(group) : true;
}

/** Requests and invitations are the admins' business; everyone else sees the active members. */
export function peopleShownTo<T extends { status: GroupMembershipStatus }>(group: VisibleGroup, people: T[]): T[] {
  return isAdmin(group) ? people : people.filter((person) => person.status === 'active');
}

export function requireAdmin(group: VisibleGroup): void {
  if (!isAdmin(group)) throw new Forbidden(msg('groups.errors.notAdmin', { name: group.name }));
}

/** Any member of a group may start a subgroup in it; any active member may start one in the community. */
export function requireCanCreateIn(parent: VisibleGroup): void {
  if (!isActiveMember(parent)) throw new Forbidden(msg('groups.errors.joinFirst', { name: parent.name }));
}

/** Membership of the root is the community's own: joined by vouching, left by no button. */
export function requireNotRoot(group: VisibleGroup): void {
  if (group.isRoot) throw new Conflict(msg('groups.errors.root'));
}

/** What a press of "join" does: open groups and invitations make a member, the rest refuse. */
export function joinOutcome(group: VisibleGroup): 'joined' | 'already' {
  requireNotRoot(group);
  if (group.mine?.status === 'active') return 'already';
  if (group.mine?.status === 'invited' || group.joinPolicy === 'open') return 'joined';
  const reason = group.joinPolicy === 'request' ? 'groups.errors.askInstead' : 'groups.errors.inviteOnly';
  throw new Forbidden(msg(reason, { name: group.name }));
}

/** What "ask to join" does: only groups whose policy is `request` take requests. */
export function requestOutcome(group: VisibleGroup): 'requested' | 'already' {
  requireNotRoot(group);
  if (group.mine) return 'already';
  if (group.joinPolicy !== 'request') {
    const reason = group.joinPolicy === 'open' ? 'groups.errors.openGroup' : 'groups.errors.inviteOnly';
    throw new Forbidden(msg(reason, { name: group.name }));
  }
  return 'requested';
}

/**
 * A group always keeps an admin: the last one may not step down, leave or be
 * removed until another is named.
 */
export function requireAnotherAdmin(
  target: { role: GroupRole; status: GroupMembershipStatus },
  adminCount: number,
): void {
  if (target.status === 'active' && target.role === 'admin' && adminCount <= 1) {
    throw new Conflict(msg('groups.errors.lastAdmin'));
  }
}
