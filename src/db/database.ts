import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * The shape of every table, as kysely sees it. Timestamps are ISO-8601 UTC
 * strings. Booleans are stored as 0/1. Rows are mapped to domain types in each
 * feature's `*.queries.ts` before they reach a route or a template.
 */
export interface Database {
  meta: MetaTable;
  community: CommunityTable;
  places: PlacesTable;
  members: MembersTable;
  member_values: MemberValuesTable;
  vouches: VouchesTable;
  member_decisions: MemberDecisionsTable;
  invites: InvitesTable;
  sessions: SessionsTable;
  failed_sign_ins: FailedSignInsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  listings: ListingsTable;
  listing_photos: ListingPhotosTable;
  listing_conversations: ListingConversationsTable;
  listing_messages: ListingMessagesTable;
  listing_notices: ListingNoticesTable;
  currencies: CurrenciesTable;
  accounts: AccountsTable;
  transfers: TransfersTable;
  entries: EntriesTable;
  account_changes: AccountChangesTable;
  transfer_feedback: TransferFeedbackTable;
  regional_changes: RegionalChangesTable;
  siblings: SiblingsTable;
  discovered_peers: DiscoveredPeersTable;
  listing_records: ListingRecordsTable;
  listing_record_progress: ListingRecordProgressTable;
  remote_listings: RemoteListingsTable;
  federated_conversations: FederatedConversationsTable;
  federated_messages: FederatedMessagesTable;
  scheduled_jobs: ScheduledJobsTable;
  job_runs: JobRunsTable;
}

export type DB = Kysely<Database>;

export interface MetaTable {
  key: string;
  value: string;
}

export interface CommunityTable {
  id: ColumnType<1, 1 | undefined, never>;
  name: string;
  lat: number;
  lon: number;
  region: string;
  vouches_required: Generated<number>;
  created_at: string;
  /** The language of the box for whoever has not chosen theirs (`en`, `fr`). */
  default_locale: Generated<string>;
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
  reason: Generated<string>;
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

export interface SessionsTable {
  token_hash: string;
  member_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface FailedSignInsTable {
  id: Generated<number>;
  /** The account the attempt named (email or phone, normalised), if any. */
  account: string | null;
  address: string;
  at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  member_id: number;
  issued_by: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  member_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type JoinPolicy = 'open' | 'request' | 'invite';
/** Who may know a group exists: anyone, community members, or its own members only. */
export type GroupVisibility = 'everyone' | 'members' | 'group';

export interface GroupsTable {
  id: Generated<number>;
  /** Null only for the root group, which is the community itself. */
  parent_id: number | null;
  name: string;
  slug: string;
  purpose: Generated<string>;
  join_policy: JoinPolicy;
  visibility: GroupVisibility;
  created_by: number | null;
  created_at: string;
}

export type GroupRole = 'admin' | 'member';
export type GroupMembershipStatus = 'active' | 'requested' | 'invited';

export interface GroupMembersTable {
  group_id: number;
  member_id: number;
  role: GroupRole;
  status: GroupMembershipStatus;
  created_at: string;
}

export type ListingKind = 'offer' | 'want';
export type ListingTerms = 'price' | 'free' | 'swap' | 'negotiable';
export type ListingVisibility = 'members' | 'public' | 'group';

export interface ListingsTable {
  seq: Generated<number>;
  /** The SpatiaLite POINT (SRID 4326) of `public_lat`/`public_lon`: written as `MakePoint(…)`, never selected raw. */
  public_point: ColumnType<never, unknown, unknown>;
  id: string;
  author_id: number;
  kind: ListingKind;
  title: string;
  description: string;
  category: string;
  terms: ListingTerms;
  price_amount: number | null;
  price_currency: string | null;
  /** Exact location: private to the author. */
  lat: number;
  lon: number;
  public_lat: number;
  public_lon: number;
  town: string | null;
  visibility: ListingVisibility;
  group_id: number | null;
  promised_to: number | null;
  promised_at: string | null;
  done_at: string | null;
  withdrawn_at: string | null;
  expires_at: string;
  reminded_at: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  /** 1 when the author shares it with neighbouring towns' boxes. */
  regional: Generated<number>;
  /**
   * Generated from the public point for the keyword index (see src/listings/search-cells.ts): never written, never read
   * by the app.
   */
  search_cells: ColumnType<string, never, never>;
}

export interface ListingPhotosTable {
  listing_seq: number;
  content_type: string;
  data: Buffer;
  width: number;
  height: number;
}

export interface ListingConversationsTable {
  id: Generated<number>;
  listing_seq: number;
  replier_id: number;
  author_read_id: Generated<number>;
  replier_read_id: Generated<number>;
  created_at: string;
}

export interface ListingMessagesTable {
  id: Generated<number>;
  conversation_id: number;
  sender_id: number;
  body: string;
  created_at: string;
}

export interface ListingNoticesTable {
  id: Generated<number>;
  member_id: number;
  listing_seq: number;
  message: string;
  created_at: string;
  read_at: string | null;
}

export interface CurrenciesTable {
  id: Generated<number>;
  code: string;
  name: string;
  symbol: string;
  /** Minor units per unit: 60 (hours in minutes) or 100 (hundredths). */
  scale: number;
  group_id: number;
  default_lower_limit: number;
  default_upper_limit: number;
  /** Days a payment request (or proposed reversal) waits before it expires. */
  request_days: number;
  created_by: number | null;
  created_at: string;
}

/** `balance` is kept by a trigger on `entries`: never written directly. */
export interface AccountsTable {
  id: Generated<number>;
  currency_id: number;
  member_id: number | null;
  group_id: number | null;
  lower_limit: number;
  upper_limit: number;
  balance: Generated<number>;
  frozen_reason: string | null;
  created_at: string;
}

export type TransferKind = 'payment' | 'request' | 'reversal';
/** Stored states; `expired` is derived when read (pending past `expires_at`). */
export type TransferState = 'pending' | 'completed' | 'declined';

export interface TransfersTable {
  id: string;
  currency_id: number;
  payer_account_id: number;
  payee_account_id: number;
  amount: number;
  kind: TransferKind;
  state: TransferState;
  awaiting_account_id: number | null;
  description: string;
  listing_id: string | null;
  reverses_id: string | null;
  reason: string | null;
  created_by: number;
  idempotency_key: string;
  created_at: string;
  expires_at: string | null;
  decided_at: string | null;
  decided_by: number | null;
}

/** Append-only: SQLite refuses UPDATE and DELETE. */
export interface EntriesTable {
  id: Generated<number>;
  transfer_id: string;
  account_id: number;
  amount: number;
  created_at: string;
}

export type AccountChange = 'limits' | 'freeze' | 'unfreeze';

export interface AccountChangesTable {
  id: Generated<number>;
  account_id: number;
  actor_id: number;
  change: AccountChange;
  lower_limit: number;
  upper_limit: number;
  reason: string;
  created_at: string;
}

export type FeedbackRating = 'positive' | 'neutral' | 'negative';

/** One per side of a transfer; exactly one of `subject_id` and `subject_group_id` is set. */
export interface TransferFeedbackTable {
  id: Generated<number>;
  transfer_id: string;
  /** The member who wrote it: the party, or one of the admins of the fund that is the party. */
  author_id: number;
  /** The group whose fund the author wrote for; null when they wrote for themselves. */
  author_group_id: number | null;
  /** What it is about: a member, or a group's fund. */
  subject_id: number | null;
  subject_group_id: number | null;
  rating: FeedbackRating;
  comment: string;
  created_at: string;
  updated_at: string;
}

/** Listings whose regional record must be (re)issued. */
export interface RegionalChangesTable {
  listing_seq: number;
}

/** A sibling box this box federates with, added by a steward. */
export interface SiblingsTable {
  peer_id: string;
  name: string;
  /** Where to dial it: a multiaddr without the /p2p part. */
  address: string;
  added_at: string;
  last_seen_at: string | null;
  records_received: Generated<number>;
  records_rejected: Generated<number>;
  last_rejection: string | null;
}

/** A box seen on the LAN by mDNS: listed for stewards, never trusted until added. */
export interface DiscoveredPeersTable {
  peer_id: string;
  /** JSON array of multiaddrs. */
  addresses: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** The latest signed record per origin and listing, kept verbatim to serve catch-up. */
export interface ListingRecordsTable {
  origin: string;
  seq: number;
  listing_id: string;
  op: 'upsert' | 'withdraw';
  expires_at: string;
  /** The signed record as JSON, exactly as it travels. */
  signed: string;
}

export interface ListingRecordProgressTable {
  origin: string;
  complete_seq: number;
}

/** A listing shared by a sibling town's box. */
export interface RemoteListingsTable {
  seq: Generated<number>;
  public_point: ColumnType<never, unknown, unknown>;
  id: string;
  origin: string;
  origin_seq: number;
  town: string;
  kind: ListingKind;
  title: string;
  description: string;
  category: string;
  terms: ListingTerms;
  price_amount: number | null;
  price_currency: string | null;
  /** Minor units per unit of the price's currency on its origin box, when the record said (60 or 100). */
  price_scale: number | null;
  public_lat: number;
  public_lon: number;
  author_name: string | null;
  public: number;
  created_at: string;
  expires_at: string;
  received_at: string;
}

/** Each job the running server has scheduled, and when it runs next (see src/jobs/scheduler.ts). */
export interface ScheduledJobsTable {
  name: string;
  cron: string;
  next_run_at: string | null;
}

/** One run of a scheduled job: finished_at is null while it runs (or when it was cut short). */
export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  started_at: string;
  finished_at: string | null;
  outcome: 'running' | 'ok' | 'failed';
  message: Generated<string>;
}

/** A conversation about a listing between a member here and a member on a sibling box. */
export interface FederatedConversationsTable {
  id: Generated<number>;
  /** Shared by both boxes. */
  uuid: string;
  listing_id: string;
  listing_title: string;
  /** The other box. */
  peer: string;
  /** Which side the member here is on. */
  side: 'author' | 'replier';
  member_id: number;
  /** The other person, as their box names them. */
  other_name: string;
  read_id: Generated<number>;
  created_at: string;
}

export interface FederatedMessagesTable {
  id: Generated<number>;
  uuid: string;
  conversation_id: number;
  mine: number;
  body: string;
  created_at: string;
  delivered_at: string | null;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  refused: string | null;
}
