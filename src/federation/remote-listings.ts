import type { ListingKind } from '../listings/listings.table.js';
import type { Scale } from '../ledger/amounts.js';
import type { Category, CurrencyUnit, Listing, Price, Terms } from '../listings/listings.js';
import type { LatLon } from '../members/location.js';

/**
 * Listings shared by sibling towns' boxes: read-only here, shown with their
 * town, ranked by distance among the local ones. Members see them all;
 * visitors only those their author made public.
 */
export interface RemoteListing {
  id: string;
  kind: ListingKind;
  title: string;
  description: string;
  category: Category;
  terms: RemoteTerms;
  location: LatLon;
  /** The place it is near, as its box names it. */
  town: string;
  /** The sibling box it comes from, by the name this box's stewards gave it. */
  origin: { peerId: string; name: string };
  /** The author's name when they show it to everyone. */
  authorName: string | null;
  createdAt: string;
  expiresAt: string;
  distanceM: number | null;
  status: 'active';
}

/**
 * A neighbouring town's price, with its currency's scale on its own box when the record gave it (null: shown as the
 * figure it is).
 */
type RemotePrice = Price & { scale: Scale | null };
type RemoteTerms = RemotePrice | Exclude<Terms, Price>;

export type AnyListing = Listing | RemoteListing;

export function isRemote(listing: AnyListing): listing is RemoteListing {
  return 'origin' in listing;
}

/**
 * The currency a remote listing's price is in, as its origin box counts it:
 * built from the record's code and scale, never looked up among this box's
 * currencies (the same letters here may be another currency in another unit).
 * Empty when the record gave no scale: the price is then shown as its figure.
 */
export function originCurrencies(listing: RemoteListing): CurrencyUnit[] {
  const t = listing.terms;
  return t.type === 'price' && t.scale !== null ? [{ code: t.currency, scale: t.scale }] : [];
}
