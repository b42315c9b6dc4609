import type { ColumnType, Generated } from 'kysely';
import type { ListingKind, ListingTerms } from '../listings/listings.table.js';

/**
 * The tables about sibling boxes, by name (composed into `Database` in src/db/database.ts): the siblings and the peers
 * seen on the LAN, the signed records exchanged with them, their listings, and the replies between members of
 * different boxes.
 */
export interface FederationTables {
  regional_changes: RegionalChangesTable;
  siblings: SiblingsTable;
  discovered_peers: DiscoveredPeersTable;
  listing_records: ListingRecordsTable;
  listing_record_progress: ListingRecordProgressTable;
  remote_listings: RemoteListingsTable;
  federated_conversations: FederatedConversationsTable;
  federated_messages: FederatedMessagesTable;
}

/** Listings whose regional record must be (re)issued. */
interface RegionalChangesTable {
  listing_seq: number;
}

/** A sibling box this box federates with, added by a steward. */
interface SiblingsTable {
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
interface DiscoveredPeersTable {
  peer_id: string;
  /** JSON array of multiaddrs. */
  addresses: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** The latest signed record per origin and listing, kept verbatim to serve catch-up. */
interface ListingRecordsTable {
  origin: string;
  seq: number;
  listing_id: string;
  op: 'upsert' | 'withdraw';
  expires_at: string;
  /** The signed record as JSON, exactly as it travels. */
  signed: string;
}

interface ListingRecordProgressTable {
  origin: string;
  complete_seq: number;
}

/** A listing shared by a sibling town's box. */
interface RemoteListingsTable {
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

/** A conversation about a listing between a member here and a member on a sibling box. */
interface FederatedConversationsTable {
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
  /** The other person, as their box names them; empty when it does not (a listing's author whose name it hides). */
  other_name: string;
  read_id: Generated<number>;
  created_at: string;
}

interface FederatedMessagesTable {
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
