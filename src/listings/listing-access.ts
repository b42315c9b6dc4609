import type { DB } from '../db/database.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import type { Listing, ListingStatus } from './listings.js';
import { findListing, listingViewerOf } from './listings.queries.js';
import { ownLocation } from './search.js';

/** The signed-in member asking, or null for a visitor (the session's member, as the queries take it). */
type Viewer = Parameters<typeof ownLocation>[1];

/**
 * Who may see and change a listing. Seeing: the viewer's audience (members, public, a group's members) is decided in
 * one WHERE clause of `listings.queries.ts`, used by every page, the feed and the API; a listing a viewer may not see
 * is answered as missing. Changing: only its author, and only what its status allows.
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The listing behind `:id` if this viewer may see it (the same 404 whether it is missing or hidden). */
export async function visibleListing(
  db: DB,
  member: Viewer,
  id: string,
  now: Date,
  options: { from?: boolean } = {},
): Promise<Listing> {
  const from = options.from ? await ownLocation(db, member) : null;
  const listing = UUID.test(id) ? await findListing(db, id, await listingViewerOf(db, member), now, from) : null;
  if (!listing) throw new NotFound(msg(member ? 'listings.error.notVisible' : 'listings.error.notVisibleSignIn'));
  return listing;
}

/**
 * The member's own listing behind `:id`, to edit or change: another member's
 * is not theirs to change (nor to see in an edit form, even one re-rendered
 * with an error), and may not even be visible to them, so it is a 404 too.
 */
export async function ownListing(db: DB, member: NonNullable<Viewer>, id: string, now: Date): Promise<Listing> {
  const listing = await visibleListing(db, member, id, now);
  if (!isAuthor(listing, member.id)) throw new NotFound(msg('listings.error.notYours'));
  return listing;
}

export function isAuthor(listing: Listing, viewerId: number | null): boolean {
  return viewerId !== null && listing.author.id === viewerId;
}

export function requireAuthor(listing: Listing, viewerId: number): void {
  if (!isAuthor(listing, viewerId)) throw new Forbidden(msg('listings.error.onlyAuthor'));
}

/**
 * Which transitions each status allows; `done` and `withdrawn` are final.
 * Releasing a promise takes the listing back to active, or to expired if its
 * expiry passed while it was promised (the status is derived when read).
 */
const ALLOWED: Record<
  'promise' | 'release' | 'done' | 'withdraw' | 'renew' | 'edit' | 'reply',
  readonly ListingStatus[]
> = {
  promise: ['active', 'expired'],
  release: ['promised'],
  done: ['active', 'promised', 'expired'],
  withdraw: ['active', 'promised', 'expired'],
  renew: ['active', 'expired'],
  edit: ['active', 'promised', 'expired'],
  reply: ['active', 'promised'],
};
export type ListingAction = keyof typeof ALLOWED;

/**
 * Whether a listing's status allows `action` (only the status is read, so a query that selects just the status can ask
 * too).
 */
export function canDo(listing: Pick<Listing, 'status'>, action: ListingAction): boolean {
  return ALLOWED[action].includes(listing.status);
}

/**
 * Refuses `action` when the listing's status does not allow it. Cancelling a
 * promise that is not there conflicts with the listing's state, a 409 as the
 * box answers other such conflicts; the older refusals keep the 422 that API
 * clients already handle.
 */
export function requireCanDo(listing: Listing, action: ListingAction): void {
  if (canDo(listing, action)) return;
  const reason = msg(`listings.refusal.${action}`);
  throw action === 'release' ? new Conflict(reason) : new Invalid({ _form: reason }, reason);
}
