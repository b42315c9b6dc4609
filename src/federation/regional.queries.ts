import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { ListingKind, ListingTerms } from '../listings/listings.table.js';
import type { Scale } from '../ledger/amounts.js';
import { findCurrencyByCode } from '../ledger/currencies.queries.js';
import { iso } from '../lib/time.js';
import type { Category } from '../listings/listings.js';

/**
 * What a listing shared with neighbouring towns looks like from outside the
 * box: its public fields and rounded point, never its exact location, the
 * author's account, or who it was promised to. The sync service signs and
 * sends this; here is only the rule for what leaves the box.
 */
export interface RegionalView {
  listingId: string;
  /**
   * Withdraw once it is no longer shared (withdrawn, promised, done, made private, or unshared, or its author
   * suspended).
   */
  op: 'upsert' | 'withdraw';
  town: string;
  expiresAt: string;
  fields: {
    kind: ListingKind;
    title: string;
    description: string;
    category: Category;
    terms: ListingTerms;
    price: RegionalPrice | null;
    lat_e6: number;
    lon_e6: number;
    author: string | null;
    public: boolean;
    created_at: string;
  } | null;
}

/** A price in minor units of its currency, with that currency's scale when this box has it (left out otherwise). */
interface RegionalPrice {
  amount: number;
  currency: string;
  scale?: Scale;
}

/**
 * A price as siblings get it: with its currency's scale, so they can show
 * "1:30" rather than "90" without knowing the currency. A code this box no
 * longer has goes without one, and siblings show the figure as it is.
 */
async function regionalPrice(db: DB, amount: number, code: string): Promise<RegionalPrice> {
  const currency = await findCurrencyByCode(db, code);
  return currency ? { amount, currency: code, scale: currency.scale } : { amount, currency: code };
}

/**
 * Takes the queue of listings changed since the last call (filled by triggers on every write to a listing, or to its
 * author's status or name).
 */
export async function takeRegionalChanges(db: DB): Promise<number[]> {
  const { rows } = await sql<{ listing_seq: number }>`DELETE FROM regional_changes RETURNING listing_seq`.execute(db);
  return rows.map((r) => r.listing_seq).sort((a, b) => a - b);
}

/**
 * How a changed listing should look to sibling boxes now. Null when it was
 * never shared and is not shared now (nothing to say).
 */
export async function regionalViewOf(
  db: DB,
  listingSeq: number,
  everShared: (listingId: string) => Promise<boolean>,
  now: Date,
): Promise<RegionalView | null> {
  const row = await db
    .selectFrom('listings as l')
    .innerJoin('members as a', 'a.id', 'l.author_id')
    .select([
      'l.id',
      'l.kind',
      'l.title',
      'l.description',
      'l.category',
      'l.terms',
      'l.price_amount',
      'l.price_currency',
      'l.public_lat',
      'l.public_lon',
      'l.town',
      'l.visibility',
      'l.regional',
      'l.promised_to',
      'l.done_at',
      'l.withdrawn_at',
      'l.expires_at',
      'l.created_at',
      'a.display_name',
      'a.name_visibility',
      'a.status as author_status',
    ])
    .where('l.seq', '=', listingSeq)
    .executeTakeFirst();
  if (!row) return null;
  const community = await db.selectFrom('community').select('name').executeTakeFirst();
  const town = row.town ?? community?.name ?? 'a neighbouring town';
  const shared =
    row.regional === 1 &&
    row.visibility !== 'group' &&
    row.author_status === 'active' &&
    row.withdrawn_at === null &&
    row.done_at === null &&
    row.promised_to === null &&
    row.expires_at > iso(now);
  if (!shared)
    return (await everShared(row.id))
      ? { listingId: row.id, op: 'withdraw', town, expiresAt: row.expires_at, fields: null }
      : null;
  return {
    listingId: row.id,
    op: 'upsert',
    town,
    expiresAt: row.expires_at,
    fields: {
      kind: row.kind,
      title: row.title,
      description: row.description,
      category: row.category as Category,
      terms: row.terms,
      price: row.terms === 'price' ? await regionalPrice(db, row.price_amount!, row.price_currency!) : null,
      lat_e6: Math.round(row.public_lat * 1_000_000),
      lon_e6: Math.round(row.public_lon * 1_000_000),
      // Only a name its owner shows to everyone leaves the box.
      author: row.name_visibility === 'everyone' ? row.display_name : null,
      public: row.visibility === 'public',
      created_at: row.created_at,
    },
  };
}
