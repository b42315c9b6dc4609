import { expect } from 'vitest';
import crypto from 'node:crypto';
import { addDays } from '../../src/lib/time.js';
import type { LatLon } from '../../src/members/location.js';
import { insertListing } from '../../src/listings/listings.queries.js';
import type { ListingInput } from '../../src/listings/listings.js';
import { addActiveMember, DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedIn } from '../members/helpers.js';

const OFFER: ListingInput = {
  kind: 'offer',
  title: 'Spare seedlings',
  description: 'Tomato and courgette seedlings, more than I can plant.',
  category: 'food',
  terms: { type: 'free' },
  visibility: { type: 'members' },
  regional: false,
};

/** The new-listing form's fields as a browser sends them: a free offer a little way from Diss. */
export const OFFER_FORM = {
  kind: 'offer',
  title: 'Spare seedlings',
  description: 'Tomato and courgette seedlings.',
  category: 'food',
  terms: 'free',
  price_amount: '',
  price_currency: '',
  place_id: '',
  lat: String(DISS.lat + 0.0031),
  lon: String(DISS.lon + 0.0042),
  visibility: 'members',
};

/** Posts the form (with `fields` changed) and returns the new listing's id. */
export async function postListingForm(client: HttpClient, fields: Partial<typeof OFFER_FORM> = {}): Promise<string> {
  const result = await client.postForm('/listings', { ...OFFER_FORM, ...fields }, { from: '/listings/new' });
  expect(result.status, result.text.slice(0, 1000)).toBe(303);
  const id = result.location!.replace('/listings/', '');
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

/**
 * Stores a listing directly, its public point exactly `shown` (no rounding),
 * so radius tests control the very point distances are measured from.
 */
export async function storeListing(
  box: TestBox,
  authorId: number,
  shown: LatLon,
  input: Partial<ListingInput> = {},
  options: { createdAt?: Date } = {},
) {
  const id = crypto.randomUUID();
  const now = options.createdAt ?? box.clock.now();
  const seq = await insertListing(box.database.db, {
    id,
    authorId,
    input: { ...OFFER, ...input },
    exact: shown,
    shown,
    town: null,
    now,
    expiresAt: addDays(now, 30),
  });
  return { id, seq };
}

/**
 * Sends a listing form (`page`: the new or the edit form) as a browser without
 * JavaScript would: multipart, the CSRF token in the form's action, with a photo.
 */
export async function postListingMultipart(
  client: HttpClient,
  page: string,
  fields: Record<string, string>,
  photo: Buffer | null,
  type = 'image/jpeg',
) {
  const form = await client.get(page);
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/
    .exec(form.text)![1]!
    .replaceAll('&amp;', '&');
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (photo) body.append('photo', new Blob([photo], { type }), 'photo.jpg');
  const encoded = new Response(body);
  const response = await client.request('POST', action, {
    body: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type')! },
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    headers: response.headers,
    text: await response.text(),
  };
}

/**
 * The cast of the listings tests, on a set-up box: Alice posts, Bob replies, Carol is in none of their groups; each
 * signed in.
 */
export async function startWithAliceBobCarol() {
  const box = await startSetUpBox();
  const alice = await addActiveMember(box, { displayName: 'Alice Grower' });
  const bob = await addActiveMember(box, { displayName: 'Bob Neighbour' });
  const carol = await addActiveMember(box, { displayName: 'Carol Outsider' });
  const [asAlice, asBob, asCarol] = await Promise.all(
    [alice, bob, carol].map((m) => signedIn(box, m.email, m.password)),
  );
  return { box, alice, bob, carol, asAlice, asBob, asCarol };
}
