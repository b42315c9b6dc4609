import type { GroupVisibility, JoinPolicy } from '../groups/groups.table.js';
import type { MemberKind, MemberStatus, VouchRelation } from '../members/members.table.js';
import type { Category } from '../listings/listings.js';
import type { FieldVisibility } from '../members/members.js';

/**
 * What a demo town is made of. The seeding code (seed.ts, listings.seed.ts,
 * ledger.seed.ts) is the same for every town; each town's data file (diss.data.ts,
 * eye.data.ts, harleston.data.ts) holds only what differs: its places, people,
 * groups and what they offer and want.
 */

/**
 * Every demo town is set up in this one region, so demo boxes made as siblings
 * (`marketcross demo --region`) gossip on one topic. The Waveney runs between
 * Diss, Eye (on its tributary the Dove) and Harleston, on both sides of the
 * Norfolk–Suffolk border.
 */
export const DEMO_REGION = 'Waveney Valley';

export interface DemoPlace {
  name: string;
  lat: number;
  lon: number;
}

export type DemoVouch = { by: string; relation: VouchRelation; note: string };

export interface DemoMember {
  /** The display name, which is also how the rest of a data file refers to the member. */
  name: string;
  kind: MemberKind;
  /** Email or phone, as typed into the join form. */
  contact: string;
  place: string;
  whyJoin: string;
  about: string;
  values: string[];
  links: string[];
  visibility?: Partial<FieldVisibility>;
  /** Active unless said otherwise. */
  status?: MemberStatus;
  invitedBy?: string;
  /** Members admitted before there were two members to vouch were approved by the steward instead. */
  vouches: DemoVouch[];
  /** Why a suspended member was suspended. */
  reason?: string;
}

export interface DemoGroup {
  slug: string;
  name: string;
  /** The parent's slug; `community` is the root made at setup. */
  parent: string;
  purpose: string;
  joinPolicy: JoinPolicy;
  visibility: GroupVisibility;
  admins: string[];
  members: string[];
  /** Waiting for an admin of a `request` group to approve them. */
  requested?: string[];
}

/** The first steward: the one the demo prints the sign-in for. */
export interface DemoSteward {
  name: string;
  contact: string;
  place: string;
  about: string;
  values: string[];
  links: string[];
}

/** How a town's offers and wants are made up: a fixed pseudo-random mix of these, so every demo box is the same. */
export interface DemoListingsPlan {
  /** Titles people around the town would use, per category and kind; each list needs at least one. */
  ideas: Record<Category, { offer: string[]; want: string[] }>;
  count: number;
  /** How many of them carry a photo. */
  photos: number;
  /** Every n-th listing that is not for one group is shared with neighbouring towns. */
  regionalEvery: number;
  /** Seed of the pseudo-random sequence. */
  seed: number;
}

export interface DemoTown {
  /** What `marketcross demo --town` takes, lower-case: `diss`. */
  key: string;
  /** The town, as people say it: `Diss`. */
  name: string;
  /** Every demo member of this town has this password: it is a demo. */
  password: string;
  community: {
    community_name: string;
    region: string;
    lat: number;
    lon: number;
    vouches_required: number;
    about: string;
  };
  steward: DemoSteward;
  /** The town and the villages around it, with their centres (to about 100 m). */
  places: DemoPlace[];
  /** In the order they joined: everyone is vouched for by people who joined before them. */
  members: DemoMember[];
  /** Parents before children. */
  groups: DemoGroup[];
  listings: DemoListingsPlan;
  /** How many transfers the demo ledger tries (some fail at a limit, as in life). */
  ledgerTransfers: number;
}

export const met = (by: string, note: string): DemoVouch => ({ by, relation: 'met_in_person', note });
export const worked = (by: string, note: string): DemoVouch => ({ by, relation: 'worked_with', note });
export const neighbour = (by: string, note: string): DemoVouch => ({ by, relation: 'neighbour', note });
export const other = (by: string, note: string): DemoVouch => ({ by, relation: 'other', note });

/** A profile its owner shows to everyone (businesses and organisations usually do). */
export const PUBLIC_PROFILE: Partial<FieldVisibility> = {
  about: 'everyone',
  values: 'everyone',
  links: 'everyone',
  location: 'everyone',
  contact: 'everyone',
};
