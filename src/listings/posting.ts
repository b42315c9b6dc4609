import crypto from 'node:crypto';
import type { DB } from '../db/database.js';
import type { CurrentMember } from '../http/context.js';
import { ValidationError } from '../http/errors.js';
import { addDays } from '../lib/time.js';
import { roundLocation, type LatLon } from '../members/location.js';
import { findPostableGroups, findTownNear, insertListing, setListingState, updateListing, type ListingWrite } from './listings.queries.js';
import { EXPIRY_DAYS, requireAuthor, requireCanDo, type Listing, type ListingInput } from './listings.js';
import { putPhoto, type Photo } from './photos.js';

/**
 * Posting and changing listings: the use cases the pages and the API share.
 * Each takes the transaction its caller opened; none opens its own.
 */

/** The listing as it will be written: a group choice checked against the author's groups, the point rounded for others. */
async function prepareWrite(db: DB, author: CurrentMember, input: ListingInput, exact: LatLon): Promise<ListingWrite> {
  if (input.visibility.type === 'group') {
    const groupId = input.visibility.groupId;
    const groups = await findPostableGroups(db, author);
    if (!groups.some((g) => g.id === groupId)) throw new ValidationError({ visibility: 'Who sees it must be members, public, or one of your groups.' });
  }
  const shown = roundLocation(exact);
  return { input, exact, shown, town: await findTownNear(db, shown) };
}

/** Posts a listing (with its UUID, chosen by the API caller or made here); returns its id. */
export async function postListing(
  db: DB,
  author: CurrentMember,
  fields: { input: ListingInput; exact: LatLon; photo: Photo | null; id?: string },
  now: Date,
): Promise<string> {
  const id = fields.id ?? crypto.randomUUID();
  const write = await prepareWrite(db, author, fields.input, fields.exact);
  const seq = await insertListing(db, { ...write, id, authorId: author.id, now, expiresAt: addDays(now, EXPIRY_DAYS) });
  if (fields.photo) await putPhoto(db, seq, fields.photo);
  return id;
}

export async function editListing(db: DB, author: CurrentMember, listing: Listing, fields: { input: ListingInput; exact: LatLon; photo: Photo | null }, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'edit');
  await updateListing(db, listing.seq, await prepareWrite(db, author, fields.input, fields.exact), now);
  if (fields.photo) await putPhoto(db, listing.seq, fields.photo);
}

/** Another 30 days from now (not from the old expiry, so a long-expired listing comes back for a full term). */
export async function renewListing(db: DB, author: CurrentMember, listing: Listing, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'renew');
  await setListingState(db, listing.seq, { expiresAt: addDays(now, EXPIRY_DAYS) }, now);
}

export async function withdrawListing(db: DB, author: CurrentMember, listing: Listing, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'withdraw');
  await setListingState(db, listing.seq, { withdrawnAt: now }, now);
}

/** Promised to one of the members who replied: the author chooses among the people they are talking to. */
export async function promiseListing(db: DB, author: CurrentMember, listing: Listing, replierIds: readonly number[], toId: number, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'promise');
  if (!replierIds.includes(toId)) throw new ValidationError({ to: 'Choose one of the members who replied.' });
  await setListingState(db, listing.seq, { promisedTo: toId, at: now }, now);
}

export async function markListingDone(db: DB, author: CurrentMember, listing: Listing, now: Date): Promise<void> {
  requireAuthor(listing, author.id);
  requireCanDo(listing, 'done');
  await setListingState(db, listing.seq, { doneAt: now }, now);
}
