import crypto from 'node:crypto';
import { addDays } from '../../src/lib/time.js';
import type { LatLon } from '../../src/members/location.js';
import { insertListing } from '../../src/listings/listings.queries.js';
import type { ListingInput } from '../../src/listings/listings.js';
import type { TestBox } from '../helpers/box.js';

export const OFFER: ListingInput = {
  kind: 'offer',
  title: 'Spare seedlings',
  description: 'Tomato and courgette seedlings, more than I can plant.',
  category: 'food',
  terms: { type: 'free' },
  visibility: { type: 'members' },
  regional: false,
};

/**
 * Stores a listing directly, its public point exactly `shown` (no rounding),
 * so radius tests control the very point distances are measured from.
 */
export async function storeListing(box: TestBox, authorId: number, shown: LatLon, input: Partial<ListingInput> = {}, options: { createdAt?: Date } = {}) {
  const id = crypto.randomUUID();
  const now = options.createdAt ?? box.clock.now();
  const seq = await insertListing(box.database.db, { id, authorId, input: { ...OFFER, ...input }, exact: shown, shown, town: null, now, expiresAt: addDays(now, 30) });
  return { id, seq };
}
