import type { MemberKind, MemberRole, MemberStatus, Visibility, VouchRelation } from './members.table.js';
import type { MemberLocation } from './location.js';

export const MEMBER_KINDS = ['person', 'business', 'organisation'] as const satisfies readonly MemberKind[];
/** The kinds in English words, for the stewards' pages until they move to the catalogues (`members.kind.*`). */
export const VOUCH_RELATIONS = [
  'met_in_person',
  'worked_with',
  'neighbour',
  'other',
] as const satisfies readonly VouchRelation[];

export const VISIBILITIES = ['everyone', 'members', 'me'] as const satisfies readonly Visibility[];

/** The profile fields whose visibility each member chooses. */
export const PROFILE_FIELDS = ['name', 'about', 'values', 'links', 'location', 'contact'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type FieldVisibility = Record<ProfileField, Visibility>;

/** A member as stored, for the rules in this folder; never handed to a template or the API as is. */
export interface MemberRecord {
  id: number;
  handle: string;
  displayName: string;
  kind: MemberKind;
  status: MemberStatus;
  role: MemberRole;
  whyJoin: string;
  about: string;
  links: string[];
  location: MemberLocation;
  placeName: string | null;
  email: string | null;
  phone: string | null;
  visibility: FieldVisibility;
  invitedBy: number | null;
  createdAt: string;
  activatedAt: string | null;
}

/** How far someone looking at a profile reaches: a visitor, a signed-in member, or the owner. */
export type ViewerReach = 'everyone' | 'members' | 'me';

const REACH_ORDER: Record<Visibility, number> = { everyone: 0, members: 1, me: 2 };

/** Whether a field with `visibility` shows to a viewer of `reach`. */
export function canSee(reach: ViewerReach, visibility: Visibility): boolean {
  return REACH_ORDER[visibility] <= REACH_ORDER[reach];
}

/** How far a viewer reaches into a member's profile: visitors, fellow members, or the member themself. */
export function viewerReach(viewerId: number | null, memberId: number): ViewerReach {
  if (viewerId === null) return 'everyone';
  return viewerId === memberId ? 'me' : 'members';
}

/** The visibilities a viewer of `reach` can see, for filtering in SQL. */
export function visibleLevels(reach: ViewerReach): Visibility[] {
  return VISIBILITIES.filter((v) => canSee(reach, v));
}
