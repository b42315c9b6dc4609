import crypto from 'node:crypto';
import type { DB } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { Conflict, Invalid } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { toMinorUnits } from '../ledger/amounts.js';
import { findCurrenciesFor } from '../ledger/currencies.queries.js';
import { visibleCurrencyByCode } from '../ledger/currency-access.js';
import { addDays } from '../lib/time.js';
import { roundLocation, type LatLon } from '../members/location.js';
import {
  findPostableGroups,
  findTownNear,
  insertListing,
  listingIdTaken,
  setListingState,
  updateListing,
  type ListingWrite,
} from './listings.queries.js';
import {
  EXPIRY_DAYS,
  MAX_PRICE,
  type Listing,
  type ListingFields,
  type ListingVisibilityChoice,
  type Terms,
  type TypedTerms,
} from './listings.js';
import { requireAuthor, requireCanDo } from './listing-access.js';
import type { Photo } from './photos.js';
import { putPhoto } from './photos.queries.js';

/**
 * Posting and changing listings: the use cases the pages and the API share.
 * Each takes the transaction its caller opened; none opens its own.
 */

/**
 * A price as it is stored: in one of the box's currencies that the author may
 * trade in (the community's, and those of their groups), its amount read by the
 * ledger's own rules for that currency and kept, as the ledger keeps amounts,
 * in minor units. So a price can always be paid with the ledger's pay form. A code of a group hidden from the author
 * is refused as one nobody has.
 */
async function checkedTerms(db: DB, author: Actor, terms: TypedTerms): Promise<Terms> {
  if (terms.type !== 'price') return terms;
  const usable = await findCurrenciesFor(db, { memberId: author.id });
  if (usable.length === 0) throw new Invalid({ terms: msg('listings.error.noCurrency') });
  const currency = usable.find((c) => c.code === terms.currency);
  if (!currency) {
    const choices = usable.map((c) => `${c.name} (${c.code})`).join(', ');
    const other = await visibleCurrencyByCode(db, author, terms.currency);
    throw new Invalid({
      price_currency: other
        ? msg('listings.error.groupCurrency', { currency: `${other.name} (${other.code})`, choices })
        : msg('listings.error.noSuchCurrency', { code: terms.currency, choices }),
    });
  }
  const amount = toMinorUnits(terms.amount, currency.scale, 'price', MAX_PRICE);
  if (!amount.ok) throw new Invalid({ price_amount: amount.message });
  return { type: 'price', amount: amount.minor, currency: currency.code };
}

/**
 * The listing as it will be written: a group choice checked against the
 * author's groups, the price against their currencies, the point rounded for
 * others. `stored` is the visibility an edited listing has now: its group is
 * accepted even when the author has left it or was removed, because keeping a
 * listing where it already was never shows it to anyone new, while refusing
 * would leave the author only wider audiences to pick from. Any other group
 * must be one they may post to.
 */
async function prepareWrite(
  db: DB,
  author: Actor,
  input: ListingFields,
  exact: LatLon,
  stored: ListingVisibilityChoice | null,
): Promise<ListingWrite> {
  const visibility = input.visibility;
  const keptGroup = visibility.type === 'group' && stored?.type === 'group' && stored.groupId === visibility.groupId;
  if (visibility.type === 'group' && !keptGroup) {
    const groups = await findPostableGroups(db, author);
    if (!groups.some((g) => g.id === visibility.groupId))
      throw new Invalid({ visibility: msg('listings.error.visibility') });
  }
  const terms = await checkedTerms(db, author, input.terms);
  const shown = roundLocation(exact);
  return { input: { ...input, terms }, exact, shown, town: await findTownNear(db, shown) };
}

/**
 * Posts a listing (with its UUID, chosen by the API caller or made here); returns its id. A chosen id no listing may
 * already have, here or in a sibling town.
 */
export async function postListing(
  db: DB,
  author: Actor,
  fields: { input: ListingFields; exact: LatLon; photo: Photo | null; id?: string },
  now: Date,
): Promise<string> {
  if (fields.id !== undefined && (await listingIdTaken(db, fields.id)))
    throw new Conflict(msg('listings.error.idTaken'));
  const id = fields.id ?? crypto.randomUUID();
  const write = await prepareWrite(db, author, fields.input, fields.exact, null);
  const seq = await insertListing(db, { ...write, id, authorId: author.id, now, expiresAt: addDays(now, EXPIRY_DAYS) });
  if (fields.photo) await putPhoto(db, seq, fields.photo);
  return id;
}

export async function editListing(
  db: DB,
  author: Actor,
  listing: Listing,
  fields: { input: ListingFields; exact: LatLon; photo: Photo | null },
  now: Date,
): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'edit');
  await updateListing(
    db,
    listing.seq,
    await prepareWrite(db, author, fields.input, fields.exact, listing.visibility),
    now,
  );
  if (fields.photo) await putPhoto(db, listing.seq, fields.photo);
}

/** Another 30 days from now (not from the old expiry, so a long-expired listing comes back for a full term). */
export async function renewListing(db: DB, author: Actor, listing: Listing, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'renew');
  await setListingState(db, listing.seq, { expiresAt: addDays(now, EXPIRY_DAYS) }, now);
}

export async function withdrawListing(db: DB, author: Actor, listing: Listing, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'withdraw');
  await setListingState(db, listing.seq, { withdrawnAt: now }, now);
}

/** Promised to one of the members who replied: the author chooses among the people they are talking to. */
export async function promiseListing(
  db: DB,
  author: Actor,
  listing: Listing,
  replierIds: readonly number[],
  toId: number,
  now: Date,
): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'promise');
  if (!replierIds.includes(toId)) throw new Invalid({ to: msg('listings.error.promiseTo') });
  await setListingState(db, listing.seq, { promisedTo: toId, at: now }, now);
}

/**
 * The promise cancelled (the member it was promised to did not come, or no
 * longer wants it): the listing is open to everyone again, or expired if its
 * expiry passed meanwhile, for the author to renew.
 */
export async function releasePromise(db: DB, author: Actor, listing: Listing, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'release');
  await setListingState(db, listing.seq, { promisedTo: null }, now);
}

export async function markListingDone(db: DB, author: Actor, listing: Listing, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'done');
  await setListingState(db, listing.seq, { doneAt: now }, now);
}
