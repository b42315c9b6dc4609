import type { ColumnType, Generated } from 'kysely';

/**
 * The listings’ tables, by name (composed into `Database` in src/db/database.ts): offers and wants, their photos, the
 * conversations about them and the notices they raise.
 */
export interface ListingsTables {
  listings: ListingsTable;
  listing_photos: ListingPhotosTable;
  listing_conversations: ListingConversationsTable;
  listing_messages: ListingMessagesTable;
  listing_notices: ListingNoticesTable;
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
  /** A catalogue key, or (in a row from before keys, whose `message_values` is null) the English words themselves. */
  message: string;
  /** The key's values, a JSON object; null in a row from before keys. */
  message_values: string | null;
  created_at: string;
  read_at: string | null;
}
