import type { MemberRole } from '../members/members.table.js';
import { slugify } from '../lib/slug.js';
import type { GroupMembershipStatus, GroupRole, GroupVisibility, JoinPolicy } from './groups.table.js';

/**
 * Groups: the community is the root group and groups nest below it to any
 * depth. This file holds the tree as a viewer sees it and the groups' web
 * addresses; who may see and change a group is in `group-access.ts`, what
 * deleting one does in `group-deletion.ts`, the forms' rules in
 * `group-forms.ts`, SQL in the `*.queries.ts` files.
 */

export const ROOT_SLUG = 'community';
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

export interface VisibleGroups {
  /** Null when the community itself is hidden from this viewer (a visitor, when it is members-only). */
  root: VisibleGroup | null;
  /** Depth-first, parents before children, siblings by name. */
  all: VisibleGroup[];
  find(slug: string): VisibleGroup | undefined;
}

/** The viewer is an active member of the group (for the root: of the community). */
export function isActiveMember(group: VisibleGroup): boolean {
  return group.mine?.status === 'active';
}

/** The viewer is an active admin of the group (for the root: a steward). */
export function isAdmin(group: VisibleGroup): boolean {
  return group.mine?.status === 'active' && group.mine.role === 'admin';
}

/** The groups above this one, the root first, for the breadcrumb. */
export function ancestorsOf(group: VisibleGroup): VisibleGroup[] {
  const ancestors: VisibleGroup[] = [];
  for (let parent = group.parent; parent; parent = parent.parent) ancestors.unshift(parent);
  return ancestors;
}

export const SLUG_MAX = 60;
/** Words the group routes use after /groups/, which a slug must not shadow. */
const RESERVED_SLUGS = new Set(['new']);

/** A slug made from a name ("Repair Café!" → "repair-cafe"); empty if the name has no letters or digits to keep. */
export function slugFrom(name: string): string {
  return slugify(name, SLUG_MAX - 4); // room for a "-2" when the slug is taken
}

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug) || slug === ROOT_SLUG;
}
