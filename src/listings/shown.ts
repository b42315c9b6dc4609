import type { DB } from '../db/database.js';
import type { Formats } from '../i18n/format.js';
import type { Translate } from '../i18n/translate.js';
import { findCurrencies } from '../ledger/currencies.queries.js';
import {
  CATEGORIES,
  type CurrencyUnit,
  type Listing,
  type ListingStatus,
  LISTING_KINDS,
  showPrice,
  TERMS,
  type Terms,
} from './listings.js';
import type { ListingKind } from './listings.table.js';
import type { NoticeMessage } from './notices.queries.js';

/** The reader's words and formats: the request's translator and `Intl` formats. */
export interface Reader {
  t: Translate;
  formats: Formats;
}

function labels<K extends string>(keys: readonly K[], prefix: string, t: Translate): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, t(`listings.${prefix}.${key}`)])) as Record<K, string>;
}

/** A listing's status as the pages show it: "given" or "received" for `done` (the database and the API keep `done`). */
function statusWord(t: Translate, listing: { kind: ListingKind; status: ListingStatus }): string {
  if (listing.status === 'done')
    return t(listing.kind === 'offer' ? 'listings.status.given' : 'listings.status.received');
  return t(`listings.status.${listing.status}`);
}

/** "1:30 DHR", "Free", in the reader's language. */
export function termsShown(reader: Reader, terms: Terms, currencies: readonly CurrencyUnit[]): string {
  if (terms.type !== 'price') return reader.t(`listings.terms.${terms.type}`);
  const currency = currencies.find((c) => c.code === terms.currency);
  const amount = currency ? reader.formats.amount(terms.amount, currency.scale) : String(terms.amount);
  return `${amount} ${terms.currency}`;
}

/**
 * A notice in the reader's words. Its values named `…At` are dates, stored as ISO strings: shown as the reader's
 * dates.
 */
export function noticeShown(reader: Reader, notice: NoticeMessage): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(notice.values ?? {}))
    values[name] = name.endsWith('At') && typeof value === 'string' ? reader.formats.date(value) : value;
  return reader.t(notice.key, values);
}

/**
 * What every listings template uses to show a listing in the reader's language, prices in the box's currencies.
 * `originUnits` gives a sibling town's listing its own currencies (federation's, passed in by the routes), else null.
 */
export async function listingWords<L extends { terms: Terms }>(
  db: DB,
  reader: Reader,
  now: Date,
  originUnits: (listing: L) => readonly CurrencyUnit[] | null,
) {
  const { t, formats } = reader;
  const currencies = await findCurrencies(db);
  return {
    kinds: labels(LISTING_KINDS, 'kind', t),
    categories: labels(CATEGORIES, 'category', t),
    termsLabels: labels(TERMS, 'terms', t),
    distance: (metres: number) => formats.distance(metres),
    // A neighbouring town's price is never read in this box's currencies: a code names a currency on its own box, and
    // the same letters here may be another currency in another unit. Its record gives the unit.
    terms: (l: L) => termsShown(reader, l.terms, originUnits(l) ?? currencies),
    price: (l: Listing) => (l.terms.type === 'price' ? showPrice(l.terms, currencies) : null),
    age: (iso: string) => formats.relative(iso, now),
    statusWord: (l: { kind: ListingKind; status: ListingStatus }) => statusWord(t, l),
    doneActionLabel: (kind: ListingKind) => t(`listings.markDone.${kind}`),
  };
}
