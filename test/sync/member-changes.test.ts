import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers/client.js';
import { profileFields, signedInSteward } from '../members/helpers.js';
import {
  eventually,
  memberClient,
  postRegional,
  remoteListing,
  TOWNS,
  type FederatedBox,
  startEyeAndDiss,
} from './helpers.js';

// What a shared listing's record says depends on its author too (their name if
// they show it to everyone; whether they are an active member): a change to the
// member, made through the real forms in Eye, must reach Diss's copy.
let eye: FederatedBox, diss: FederatedBox;
let member: HttpClient;
let steward: HttpClient;
let listingId: string;

beforeAll(async () => {
  ({ eye, diss } = await startEyeAndDiss());
  member = await memberClient(eye);
  steward = await signedInSteward(eye);
  listingId = await postRegional(eye, { title: 'Damson jam from Eye', visibility: 'public' });
  await eventually('the listing at Diss', () => remoteListing(diss, listingId));
}, 60_000);

afterAll(async () => {
  await Promise.all([eye, diss].map((b) => b?.close()));
});

/** The Eye member saves their profile form, everything as before but `changes`. */
async function saveProfile(changes: Record<string, string>): Promise<void> {
  const saved = await member.postForm(
    '/profile',
    profileFields({
      display_name: 'Eye Member',
      kind: 'person',
      name_visibility: 'members',
      lat: String(TOWNS.Eye.lat),
      lon: String(TOWNS.Eye.lon),
      ...changes,
    }),
    { from: '/profile' },
  );
  expect(saved.status, saved.text.slice(0, 500)).toBe(303);
}

/** A steward in Eye decides about the member through the stewards' page. */
async function decide(action: 'suspend' | 'reinstate', fields: Record<string, string> = {}): Promise<void> {
  const decided = await steward.postForm(`/stewards/members/${eye.member.handle}/${action}`, fields, {
    from: '/stewards',
  });
  expect(decided.status, decided.text.slice(0, 500)).toBe(303);
}

/** The last sequence number Eye has issued for its records. */
async function eyesLastSeq(): Promise<number> {
  const progress = await eye.database.db
    .selectFrom('listing_record_progress')
    .select('complete_seq')
    .where('origin', '=', eye.sync!.peerId)
    .executeTakeFirstOrThrow();
  return progress.complete_seq;
}

/** The record Diss holds for the listing, as Eye signed it. */
async function dissRecord() {
  return diss.database.db
    .selectFrom('listing_records')
    .select(['seq', 'op', 'signed'])
    .where('listing_id', '=', listingId)
    .executeTakeFirstOrThrow();
}

/** The ids a Diss member finds searching for the listing, and what Diss's API says at its address. */
async function seenInDiss() {
  const search = await diss.client().json('GET', '/api/v1/listings?q=damson&radius_km=25', undefined, diss.token);
  expect(search.status).toBe(200);
  const one = await diss.client().json('GET', `/api/v1/listings/${listingId}`, undefined, diss.token);
  return { found: search.body.listings.map((l: { id: string }) => l.id) as string[], one };
}

describe("an author's changes on their own box reach the sibling's copy of their listing", () => {
  it('shows the name on the sibling once the author shows it to everyone', async () => {
    expect((await remoteListing(diss, listingId))!.author_name).toBeNull();
    await saveProfile({ name_visibility: 'everyone' });
    await eventually(
      'the name at Diss',
      async () => (await remoteListing(diss, listingId))?.author_name === 'Eye Member',
    );
    const { one } = await seenInDiss();
    expect(one.body.listing.author).toEqual({ handle: null, name: 'Eye Member' });
  });

  it('replaces the old name when the author renames themselves', async () => {
    await saveProfile({ name_visibility: 'everyone', display_name: 'Evelyn of Eye' });
    await eventually(
      'the new name at Diss',
      async () => (await remoteListing(diss, listingId))?.author_name === 'Evelyn of Eye',
    );
    const page = await diss.client().get(`/listings/${listingId}`);
    expect(page.text).toContain('By Evelyn of Eye');
    expect((await dissRecord()).signed).not.toContain('Eye Member');
  });

  it('takes the name off the sibling’s copy when the author shows it to members only', async () => {
    expect((await remoteListing(diss, listingId))!.author_name).toBe('Evelyn of Eye');
    await saveProfile({ name_visibility: 'members', display_name: 'Evelyn of Eye' });
    await eventually('the name gone at Diss', async () => (await remoteListing(diss, listingId))?.author_name === null);
    expect((await dissRecord()).signed).not.toContain('Evelyn');
    const { one } = await seenInDiss();
    expect(one.body.listing.author).toEqual({ handle: null, name: null });
  });

  it('makes no record for a change no sibling can see', async () => {
    const before = await eyesLastSeq();
    // Not on the record at all: what they write about themselves, who sees their contact.
    await saveProfile({ display_name: 'Evelyn of Eye', about: 'Jam maker.', contact_visibility: 'members' });
    // A new name the record leaves out, as the author shows it to members only.
    await saveProfile({ display_name: 'Evie', about: 'Jam maker.', contact_visibility: 'members' });
    // The app publishes after each request; this waits for a pass that starts after both.
    await eye.sync!.listingsChanged();
    expect(await eyesLastSeq()).toBe(before);
    expect((await dissRecord()).seq).toBe(before);
  });

  it('withdraws the listing from the sibling when a steward suspends its author', async () => {
    const before = await eyesLastSeq();
    await decide('suspend', { reason: 'Selling jam that is not theirs.' });
    await eventually('the listing gone from Diss', async () => (await remoteListing(diss, listingId)) === undefined);
    // What Eye serves in catch-up, and what Diss holds, is the withdraw.
    const ownRecord = await eye.database.db
      .selectFrom('listing_records')
      .select(['seq', 'op'])
      .where('listing_id', '=', listingId)
      .executeTakeFirstOrThrow();
    expect(ownRecord).toEqual({ seq: before + 1, op: 'withdraw' });
    expect(await dissRecord()).toMatchObject({ seq: before + 1, op: 'withdraw' });
    const { found, one } = await seenInDiss();
    expect(found).not.toContain(listingId);
    expect(one.status).toBe(404);
    const page = await diss.client().get('/listings?q=damson&radius=10&centre=box');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Damson jam from Eye');
  });

  it('shares the listing again when the author is reinstated', async () => {
    expect(await remoteListing(diss, listingId)).toBeUndefined();
    await decide('reinstate');
    const back = await eventually('the listing back at Diss', () => remoteListing(diss, listingId));
    expect(back).toMatchObject({ title: 'Damson jam from Eye', author_name: null });
    expect((await dissRecord()).op).toBe('upsert');
    const { found, one } = await seenInDiss();
    expect(found).toContain(listingId);
    expect(one.status).toBe(200);
    const page = await diss.client().get('/listings?q=damson&radius=10&centre=box');
    expect(page.text).toContain('Damson jam from Eye');
  });
});
