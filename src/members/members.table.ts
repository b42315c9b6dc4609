import type { ColumnType, Generated } from 'kysely';

/**
 * The members’ tables, by name (composed into `Database` in src/db/database.ts): members, the values they hold, the
 * places they pick from, vouches, stewards’ decisions about them, and invites.
 */
export interface MembersTables {
  places: PlacesTable;
  members: MembersTable;
  member_values: MemberValuesTable;
  vouches: VouchesTable;
  member_decisions: MemberDecisionsTable;
  invites: InvitesTable;
}

export interface PlacesTable {
  id: Generated<number>;
  name: string;
  lat: number;
  lon: number;
}

export type MemberKind = 'person' | 'business' | 'organisation';

export type MemberStatus = 'pending' | 'active' | 'declined' | 'suspended';

export type MemberRole = 'member' | 'steward';

/** Who may see a profile field: anyone using the box, signed-in members, or only its owner. */
export type Visibility = 'everyone' | 'members' | 'me';

export interface MembersTable {
  id: Generated<number>;
  handle: string;
  display_name: string;
  kind: MemberKind;
  email: string | null;
  phone: string | null;
  password_hash: string;
  status: MemberStatus;
  role: Generated<MemberRole>;
  why_join: Generated<string>;
  about: Generated<string>;
  /** JSON array of URLs. */
  links: Generated<string>;
  /** Exact location: private, never shown to anyone but the member. */
  lat: number;
  lon: number;
  place_id: number | null;
  name_visibility: Generated<Visibility>;
  about_visibility: Generated<Visibility>;
  values_visibility: Generated<Visibility>;
  links_visibility: Generated<Visibility>;
  location_visibility: Generated<Visibility>;
  contact_visibility: Generated<Visibility>;
  invited_by: number | null;
  invite_id: number | null;
  created_at: string;
  activated_at: string | null;
  /** The member's own choice of language (`en`, `fr`); null follows their browser. */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MemberValuesTable {
  member_id: number;
  value: string;
}

export type VouchRelation = 'met_in_person' | 'worked_with' | 'neighbour' | 'other';

export interface VouchesTable {
  id: Generated<number>;
  member_id: number;
  voucher_id: number;
  relation: VouchRelation;
  note: Generated<string>;
  invite_id: number | null;
  created_at: string;
}

export type MemberDecision =
  | 'approved'
  | 'activated_by_vouches'
  | 'declined'
  | 'suspended'
  | 'reinstated'
  | 'made_steward'
  | 'steward_removed'
  | 'reset_link_issued';

export interface MemberDecisionsTable {
  id: Generated<number>;
  member_id: number;
  /** Null when the box decided by itself (enough vouches). */
  actor_id: number | null;
  decision: MemberDecision;
  /** A steward's own words ('' when none, or when the box gave its reason in `reason_message`). */
  reason: Generated<string>;
  /** The box's own reason: a catalogue message as JSON (`{"key", "values"}`), said in the reader's language. */
  reason_message: string | null;
  created_at: string;
}

export interface InvitesTable {
  id: Generated<number>;
  token_hash: string;
  inviter_id: number;
  max_uses: number;
  /** How the inviter knows the people they invite: the relation of the vouch that joining implies. */
  relation: Generated<VouchRelation>;
  uses: Generated<number>;
  expires_at: string;
  created_at: string;
  revoked_at: string | null;
}
