import { z } from 'zod';
import type { GroupMembershipStatus, GroupRole, GroupVisibility, JoinPolicy } from './groups.table.js';
import type { MemberRole } from '../members/members.table.js';
import { ConflictError, ForbiddenError } from '../http/errors.js';
import { choice, optionalText, requiredText } from '../http/forms.js';
import type { Scale } from '../ledger/amounts.js';
import { type Message, msg } from '../lib/messages.js';
import { slugify } from '../lib/slug.js';

/**
 * Groups: the community is the root group and groups nest below it to any
 * depth. This file holds the rules; SQL is in `groups.queries.ts`.
 */

export const ROOT_SLUG = 'community';
const JOIN_POLICIES = ['open', 'request', 'invite'] as const satisfies readonly JoinPolicy[];
const GROUP_VISIBILITIES = ['everyone', 'members', 'group'] as const satisfies readonly GroupVisibility[];
const GROUP_ROLES = ['admin', 'member'] as const satisfies readonly GroupRole[];

export interface Group {
  id: number;
  parentId: number | null;
  slug: string;
  name: string;
  purpose: string;
  joinPolicy: JoinPolicy;
  visibility: GroupVisibility;
}

export interface Membership {
  role: GroupRole;
  status: GroupMembershipStatus;
}

/** Who is looking: enough of the signed-in member for the rules, or null for a visitor. */
export type Viewer = { id: number; role: MemberRole } | null;

/** A stored group with what one viewer needs to know about it. */
export interface GroupRow extends Group {
  /** The viewer's stored membership (never stored for the root). */
  stored: Membership | null;
  activeMembers: number;
}

/** A group as one viewer sees it, linked to its parent and to the subgroups they may see. */
export interface VisibleGroup extends Group {
  isRoot: boolean;
  parent: VisibleGroup | null;
  children: VisibleGroup[];
  memberCount: number;
  /** The viewer's membership; for the root, implied by being a member or a steward. */
  mine: Membership | null;
}

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

export interface VisibleGroups {
  /** Null when the community itself is hidden from this viewer (a visitor, when it is members-only). */
  root: VisibleGroup | null;
  /** Depth-first, parents before children, siblings by name. */
  all: VisibleGroup[];
  find(slug: string): VisibleGroup | undefined;
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

export function isActiveMember(group: VisibleGroup): boolean {
  return group.mine?.status === 'active';
}

export function isAdmin(group: VisibleGroup): boolean {
  return group.mine?.status === 'active' && group.mine.role === 'admin';
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

/** The groups above this one, the root first, for the breadcrumb. */
export function ancestorsOf(group: VisibleGroup): VisibleGroup[] {
  const ancestors: VisibleGroup[] = [];
  for (let parent = group.parent; parent; parent = parent.parent) ancestors.unshift(parent);
  return ancestors;
}

export function requireAdmin(group: VisibleGroup): void {
  if (!isAdmin(group)) throw new ForbiddenError(`Only the admins of ${group.name} can do that.`);
}

/** Any member of a group may start a subgroup in it; any active member may start one in the community. */
export function requireCanCreateIn(parent: VisibleGroup): void {
  if (!isActiveMember(parent))
    throw new ForbiddenError(`Join ${parent.name} first: only its members can start a group inside it.`);
}

/** Membership of the root is the community's own: joined by vouching, left by no button. */
export function requireNotRoot(group: VisibleGroup): void {
  if (group.isRoot)
    throw new ConflictError(
      'Everyone in the community belongs to it, and its stewards are its admins; membership is not changed here.',
    );
}

/** What a press of "join" does: open groups and invitations make a member, the rest refuse. */
export function joinOutcome(group: VisibleGroup): 'joined' | 'already' {
  requireNotRoot(group);
  if (group.mine?.status === 'active') return 'already';
  if (group.mine?.status === 'invited' || group.joinPolicy === 'open') return 'joined';
  if (group.joinPolicy === 'request')
    throw new ForbiddenError(`${group.name} asks its admins to approve new members: ask to join instead.`);
  throw new ForbiddenError(`${group.name} is by invitation only.`);
}

/** What "ask to join" does: only groups whose policy is `request` take requests. */
export function requestOutcome(group: VisibleGroup): 'requested' | 'already' {
  requireNotRoot(group);
  if (group.mine) return 'already';
  if (group.joinPolicy !== 'request')
    throw new ForbiddenError(
      group.joinPolicy === 'open' ? `${group.name} is open: join it directly.` : `${group.name} is by invitation only.`,
    );
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
    throw new ConflictError(
      'A group needs at least one admin. Make another member an admin first, or name one when you leave.',
    );
  }
}

/**
 * What a group holds beyond its own row, counted by `findGroupHoldings`, for
 * judging whether it may be deleted and saying what deleting removes.
 */
export interface GroupHoldings {
  subgroups: number;
  memberships: Record<GroupMembershipStatus, number>;
  /** Listings shown only to this group that are still open: neither withdrawn, done nor archived. */
  openListings: number;
  /** Listings shown only to this group that are withdrawn, done or archived: their authors' history. */
  closedListings: number;
  /** The currencies the group issued, with how many accounts each has. */
  currencies: { code: string; name: string; accounts: number }[];
  /** The group fund's accounts, one per currency it has used. */
  fundAccounts: { code: string; scale: Scale; balance: number; transfers: number }[];
}

/** What deleting a group would do: refused while `blockers` is not empty; otherwise it removes `removes`. */
export interface Deletion {
  blockers: Message[];
  removes: Message[];
}

/** How an amount is written for the reader (`Formats.amount` of src/i18n/format.ts). */
export type AmountWriter = (minor: number, scale: Scale) => string;

/**
 * Deleting a group must never lose members' money or silently lose their
 * data, so it is refused while the group holds anything that would be lost:
 *
 * - groups inside it (they would lose their place in the tree);
 * - open listings shown only to it, which the schema would delete with the
 *   group (widening who sees them is not ours to decide): their authors can
 *   change who sees them or withdraw them;
 * - a currency with accounts, or a fund that has been used. The ledger keeps
 *   no foreign key to groups, so these rows would stay, but nobody could use
 *   them: a currency is for its group's members and a fund is run by its
 *   admins, so balances would be stranded and a fund's statement unreadable.
 *   Ledger history is kept for ever, so such a group is kept too.
 *
 * What remains goes with the group, and the confirmation says so: its
 * memberships, requests and invitations; closed listings shown only to it
 * (which their authors can no longer change, so they could never unblock it);
 * and a currency nobody has used. `amount` writes a fund's balance in the reader's locale.
 */
export function deletionOf(holdings: GroupHoldings, amount: AmountWriter): Deletion {
  const blockers: Message[] = [];
  const { subgroups, openListings } = holdings;
  if (subgroups > 0) blockers.push(msg('groups.deletion.subgroups', { count: subgroups }));
  if (openListings > 0) blockers.push(msg('groups.deletion.openListings', { count: openListings }));
  for (const { code, name, accounts } of holdings.currencies.filter((c) => c.accounts > 0)) {
    blockers.push(msg('groups.deletion.currency', { code, name, accounts }));
  }
  for (const fund of holdings.fundAccounts) {
    const balance = amount(fund.balance, fund.scale);
    blockers.push(msg('groups.deletion.fund', { transfers: fund.transfers, code: fund.code, balance }));
  }

  const { active, requested, invited } = holdings.memberships;
  const counted = (key: string, count: number) => (count > 0 ? [msg(key, { count })] : []);
  const removes = [
    ...counted('groups.deletion.memberships', active),
    ...counted('groups.deletion.requests', requested),
    ...counted('groups.deletion.invitations', invited),
    ...counted('groups.deletion.closedListings', holdings.closedListings),
    ...holdings.currencies
      .filter((c) => c.accounts === 0)
      .map((c) => msg('groups.deletion.unusedCurrency', { code: c.code, name: c.name })),
  ];
  return { blockers, removes };
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MAX = 60;
/** Words the group routes use after /groups/, which a slug must not shadow. */
const RESERVED_SLUGS = new Set(['new']);

/** A slug made from a name ("Repair Café!" → "repair-cafe"); empty if the name has no letters or digits to keep. */
export function slugFrom(name: string): string {
  return slugify(name, SLUG_MAX - 4); // room for a "-2" when the slug is taken
}

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug) || slug === ROOT_SLUG;
}

const slugField = optionalText('Web address', SLUG_MAX)
  .refine(
    (s) => s === '' || SLUG_PATTERN.test(s),
    'Web address may hold only lower-case letters, digits and single hyphens, like repair-cafe.',
  )
  .refine((s) => !isReservedSlug(s), 'That web address is reserved; choose another.');

/** What the new-group and edit forms send; an empty slug means "make one from the name". */
export const groupSchema = z.object({
  name: requiredText('Name', 80),
  slug: slugField,
  purpose: optionalText('Purpose', 2000),
  join_policy: choice('Who can join', JOIN_POLICIES, 'open, request or invite'),
  visibility: choice('Who can see it', GROUP_VISIBILITIES, 'everyone, members or group'),
});

/** The root is the community: its name, web address and way of joining (vouching) belong to the community itself. */
export const rootGroupSchema = z.object({
  purpose: groupSchema.shape.purpose,
  // For the root, "its own members" would be every member: the same as `members`.
  visibility: choice('Who can see it', ['everyone', 'members'], 'everyone or members'),
});

export type GroupInput = z.output<typeof groupSchema>;

export const roleSchema = z.object({ role: choice('Role', GROUP_ROLES, 'admin or member') });
/** A handle as people type it: "@Jo-Smith" means jo-smith. */
const typedHandle = (label: string) => optionalText(label, 40).transform((h) => h.replace(/^@/, '').toLowerCase());
export const inviteSchema = z.object({
  handle: typedHandle('Handle').refine((h) => h !== '', 'Handle is required: whom should the group invite?'),
});
/** The last admin names who takes over as they leave. */
export const leaveSchema = z.object({ successor: typedHandle('New admin') });
