import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { deleteMembership, insertGroup, putMembership } from '../../src/groups/groups.queries.js';
import { receiveFederatedMessage } from '../../src/federation/messages.queries.js';
import { regionalViewOf, takeRegionalChanges } from '../../src/federation/regional.queries.js';
import { loadOrCreateIdentity } from '../../sync/identity.js';
import { SyncService } from '../../sync/service.js';
import { syncPort } from '../../src/federation/sync-port.js';
import { type addActiveMember, DISS, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import {
  addressOf,
  eventually,
  memberClient,
  postRegional,
  remoteListing,
  type FederatedBox,
  startEyeAndDiss,
} from '../sync/helpers.js';
import { OFFER_FORM, postListingForm, startWithAliceBobCarol, storeListing } from './helpers.js';

/**
 * The rules around a listing's life that an audit found gaps in: who sees it
 * after an edit, what a PATCH may change, who may change it, and which
 * listings take a payment or a conversation from another town; and the way
 * back from a promise, and what a done listing is called.
 */

type Account = Awaited<ReturnType<typeof addActiveMember>>;

let box: TestBox & { stewardHandle: string };
let alice: Account, bob: Account, carol: Account;
let asAlice: HttpClient, asBob: HttpClient, asCarol: HttpClient;
let aliceToken: string, bobToken: string, carolToken: string;
/** Alice and Bob are in Seed Savers; only Bob is in Beekeepers; Carol is in neither. */
let seedSavers: number, beekeepers: number;

const stored = (id: string) =>
  box.database.db.selectFrom('listings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  ({ box, alice, bob, carol, asAlice, asBob, asCarol } = await startWithAliceBobCarol());
  const db = box.database.db;
  const now = box.clock.now();
  [aliceToken, bobToken, carolToken] = await Promise.all(
    [alice, bob, carol].map((m) => createApiToken(db, m.id, 'test', now)),
  );
  const root = await db.selectFrom('groups').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  seedSavers = await insertGroup(
    db,
    root.id,
    { name: 'Seed Savers', slug: 'seed-savers', purpose: '', joinPolicy: 'invite', visibility: 'group' },
    bob.id,
    now,
  );
  beekeepers = await insertGroup(
    db,
    root.id,
    { name: 'Beekeepers', slug: 'beekeepers', purpose: '', joinPolicy: 'invite', visibility: 'group' },
    bob.id,
    now,
  );
  await putMembership(db, seedSavers, alice.id, { role: 'member', status: 'active' }, now);
});
afterAll(() => box.close());

describe('editing a listing for a group its author has left', () => {
  let id: string;
  beforeAll(async () => {
    await putMembership(box.database.db, seedSavers, alice.id, { role: 'member', status: 'active' }, box.clock.now());
    id = await postListingForm(asAlice, { title: 'Saved bean seeds', visibility: `group:${seedSavers}` });
    await deleteMembership(box.database.db, seedSavers, alice.id);
  });
  afterAll(() =>
    putMembership(box.database.db, seedSavers, alice.id, { role: 'member', status: 'active' }, box.clock.now()),
  );

  it('keeps the group chosen in the form, saying she is no longer a member, and saving keeps it there', async () => {
    const form = (await asAlice.get(`/listings/${id}/edit`)).text;
    expect(form).toContain(
      `<option value="group:${seedSavers}" selected>Only the group Seed Savers (you are no longer a member)</option>`,
    );
    expect(form).toMatch(/<option value="members">Community members<\/option>/);
    const saved = await asAlice.postForm(
      `/listings/${id}/edit`,
      { ...OFFER_FORM, title: 'Saved runner bean seeds', visibility: `group:${seedSavers}` },
      { from: `/listings/${id}/edit` },
    );
    expect(saved.status, saved.text.slice(0, 500)).toBe(303);
    expect(await stored(id)).toMatchObject({
      title: 'Saved runner bean seeds',
      visibility: 'group',
      group_id: seedSavers,
    });
    expect((await asCarol.get(`/listings/${id}`)).status).toBe(404);
    expect((await asBob.get(`/listings/${id}`)).text).toContain('Saved runner bean seeds');
  });

  it('refuses another group she is not in, and widens only when she chooses to', async () => {
    const before = await stored(id);
    const refused = await asAlice.postForm(
      `/listings/${id}/edit`,
      { ...OFFER_FORM, visibility: `group:${beekeepers}` },
      { from: `/listings/${id}/edit` },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Who sees it must be members, public, or one of your groups.');
    expect(await stored(id)).toEqual(before);

    const patched = await box
      .client()
      .json('PATCH', `/api/v1/listings/${id}`, { title: 'Bean seeds, saved' }, aliceToken);
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.listing).toMatchObject({ title: 'Bean seeds, saved', visibility: `group:${seedSavers}` });
    const otherGroup = await box
      .client()
      .json('PATCH', `/api/v1/listings/${id}`, { visibility: `group:${beekeepers}` }, aliceToken);
    expect(otherGroup.status).toBe(422);
    expect(otherGroup.body.error.fields.visibility).toBe('Who sees it must be members, public, or one of your groups.');
    expect((await asCarol.get(`/listings/${id}`)).status).toBe(404);

    const widened = await box.client().json('PATCH', `/api/v1/listings/${id}`, { visibility: 'members' }, aliceToken);
    expect(widened.body.listing.visibility).toBe('members');
    expect((await asCarol.get(`/listings/${id}`)).status).toBe(200);
  });
});

describe('PATCH on the API', () => {
  it('closes a listing priced in a code the box no longer has, and asks for the price only when fields change', async () => {
    const { id } = await storeListing(box, alice.id, DISS, {
      title: 'Old style price',
      terms: { type: 'price', amount: 90, currency: 'HOUR' },
    });
    const retitled = await box.client().json('PATCH', `/api/v1/listings/${id}`, { title: 'Retitled' }, aliceToken);
    expect(retitled.status).toBe(422);
    expect(retitled.body.error.fields).toEqual({
      price_currency:
        'This listing’s price, 90 HOUR, is in none of this box’s currencies: choose one, and type the price again.',
    });
    expect((await stored(id)).title).toBe('Old style price');
    const done = await box.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'done' }, aliceToken);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.listing).toMatchObject({
      status: 'done',
      title: 'Old style price',
      terms: { type: 'price', amount: 90, currency: 'HOUR' },
    });
  });

  describe('bad input on one’s own listing: a clear message, and nothing changed', () => {
    let id: string;
    let groupOnly: string;
    beforeAll(async () => {
      id = await postListingForm(asAlice, { title: 'Patch target' });
      groupOnly = await postListingForm(asAlice, {
        title: 'Patch target for Seed Savers',
        visibility: `group:${seedSavers}`,
      });
    });

    it.each([
      [
        'a status that cannot be set',
        { status: 'expired' },
        'status',
        'status can only be set to done, withdrawn, or active (to cancel a promise).',
      ],
      [
        'a status that is not text',
        { status: 7 },
        'status',
        'status can only be set to done, withdrawn, or active (to cancel a promise).',
      ],
      ['an empty title', { title: '' }, 'title', /Title/],
      ['a blank title', { title: '   ' }, 'title', /Title/],
      [
        'a group not mine',
        () => ({ visibility: `group:${beekeepers}` }),
        'visibility',
        'Who sees it must be members, public, or one of your groups.',
      ],
      ['no location', { location: null }, 'location', 'location must be an object with lat and lon.'],
      ['a location off the map', { location: { lat: 91, lon: 1 } }, 'location', /location\.lat/],
      [
        'a price with no currency',
        { terms: 'price', price_amount: '1:00' },
        'price_currency',
        'Currency is required when the terms are a price.',
      ],
    ] as const)('%s → 422', async (_what, body, field, message) => {
      const before = await stored(id);
      const answer = await box
        .client()
        .json('PATCH', `/api/v1/listings/${id}`, typeof body === 'function' ? body() : body, aliceToken);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('invalid');
      if (typeof message === 'string') expect(answer.body.error.fields[field]).toBe(message);
      else expect(answer.body.error.fields[field]).toMatch(message);
      expect(await stored(id)).toEqual(before);
    });

    it('a body that is not an object → 400', async () => {
      const before = await stored(id);
      const answer = await box.client().json('PATCH', `/api/v1/listings/${id}`, ['title', 'x'], aliceToken);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe('Send a JSON object.');
      expect(await stored(id)).toEqual(before);
    });

    it('someone else’s listing → 404, whether they can see it or not', async () => {
      for (const [token, listing] of [
        [bobToken, id],
        [carolToken, id],
        [carolToken, groupOnly],
      ] as const) {
        const before = await stored(listing);
        for (const body of [{ title: 'Mine now' }, { status: 'withdrawn' }]) {
          const answer = await box.client().json('PATCH', `/api/v1/listings/${listing}`, body, token);
          expect(answer.status).toBe(404);
          expect(answer.body.error.message).toMatch(/no listing/);
        }
        expect((await box.client().json('DELETE', `/api/v1/listings/${listing}`, undefined, token)).status).toBe(404);
        expect(await stored(listing)).toEqual(before);
      }
    });

    it('closing twice → 422 the second time, the first close kept', async () => {
      const closing = await postListingForm(asAlice, { title: 'Closed once' });
      expect(
        (await box.client().json('PATCH', `/api/v1/listings/${closing}`, { status: 'done' }, aliceToken)).status,
      ).toBe(200);
      const closed = await stored(closing);
      for (const status of ['done', 'withdrawn']) {
        const again = await box.client().json('PATCH', `/api/v1/listings/${closing}`, { status }, aliceToken);
        expect(again.status).toBe(422);
        expect(again.body.error.message).toBe('This listing is already closed.');
      }
      const edit = await box
        .client()
        .json('PATCH', `/api/v1/listings/${closing}`, { title: 'Edited after closing' }, aliceToken);
      expect(edit.status).toBe(422);
      expect(edit.body.error.message).toBe('A closed listing cannot be edited.');
      expect(await stored(closing)).toEqual(closed);
    });
  });
});

describe('who may see and change a group-only listing', () => {
  let groupOnly: string, forMembers: string;
  beforeAll(async () => {
    groupOnly = await postListingForm(asAlice, {
      title: 'Heritage tomato seeds for Seed Savers',
      visibility: `group:${seedSavers}`,
    });
    forMembers = await postListingForm(asAlice, { title: 'Heritage tomato seeds for everyone here' });
  });

  it('is left out of the API’s list for a member outside the group and for a visitor', async () => {
    const ids = async (token?: string) =>
      (await box.client().json('GET', '/api/v1/listings?q=heritage', undefined, token)).body.listings.map(
        (l: { id: string }) => l.id,
      );
    expect(await ids(bobToken)).toEqual(expect.arrayContaining([groupOnly, forMembers]));
    const outsider = await ids(carolToken);
    expect(outsider).toContain(forMembers);
    expect(outsider).not.toContain(groupOnly);
    expect(await ids()).toEqual([]);
  });

  it('cannot be withdrawn or edited through the forms by anyone but its author', async () => {
    const before = await stored(groupOnly);
    // Bob sees it (403: it is not his); Carol does not (404: as if it were not there).
    for (const [client, status] of [
      [asBob, 403],
      [asCarol, 404],
    ] as const) {
      const from = status === 403 ? `/listings/${groupOnly}` : '/listings';
      expect((await client.postForm(`/listings/${groupOnly}/withdraw`, {}, { from })).status).toBe(status);
      expect((await client.postForm(`/listings/${groupOnly}/done`, {}, { from })).status).toBe(status);
      expect((await client.get(`/listings/${groupOnly}/edit`)).status).toBe(404);
      // Neither a valid form nor an invalid one: the author's form is never shown to them, not even re-rendered with an
      // error.
      for (const fields of [
        { ...OFFER_FORM, title: 'Taken over' },
        { ...OFFER_FORM, title: '' },
      ]) {
        const edit = await client.postForm(`/listings/${groupOnly}/edit`, fields, { from });
        expect(edit.status).toBe(404);
        expect(edit.text).not.toContain('Edit your listing');
      }
    }
    expect(await stored(groupOnly)).toEqual(before);
  });

  it('cannot be named by a payment from someone who cannot see it (answered as no such listing)', async () => {
    const pay = (token: string, listingId: string) =>
      box.client().json(
        'POST',
        '/api/v1/payments',
        {
          to: alice.handle,
          amount: '0:05',
          currency: 'DHR',
          description: 'Seeds',
          idempotency_key: crypto.randomUUID(),
          listing_id: listingId,
        },
        token,
      );
    const ask = (token: string, listingId: string) =>
      box.client().json(
        'POST',
        '/api/v1/payment-requests',
        {
          from: alice.handle,
          amount: '0:05',
          currency: 'DHR',
          description: 'Seeds',
          idempotency_key: crypto.randomUUID(),
          listing_id: listingId,
        },
        token,
      );
    const transfers = async () => (await box.database.db.selectFrom('transfers').select('id').execute()).length;
    const before = await transfers();
    for (const refused of [
      await pay(carolToken, groupOnly),
      await ask(carolToken, groupOnly),
      await pay(carolToken, '00000000-0000-4000-8000-000000000000'),
    ]) {
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields).toEqual({ listing_id: 'There is no listing with that id.' });
    }
    expect(await transfers()).toBe(before);
    // Controls: the listings they may see.
    expect((await pay(carolToken, forMembers)).status).toBe(201);
    const bobs = await pay(bobToken, groupOnly);
    expect(bobs.status, JSON.stringify(bobs.body)).toBe(201);
    expect(bobs.body.transfer.listing_id).toBe(groupOnly);
  });
});

describe('a conversation from a sibling town', () => {
  const from = '12D3KooWSiblingTestPeer';
  const message = (listing: string) => ({
    uuid: crypto.randomUUID(),
    conversation: crypto.randomUUID(),
    listing,
    to: 'author' as const,
    senderName: 'A member of Eye',
    body: 'Is it still there?',
  });

  it('starts only on a listing that takes replies, as a local one does', async () => {
    const db = box.database.db;
    const now = box.clock.now();
    const past = new Date(now.getTime() - 60_000).toISOString();
    const closes: [string, Record<string, unknown>, 'ok' | 'unknown-listing'][] = [
      ['active', {}, 'ok'],
      ['promised', { promised_to: bob.id, promised_at: now.toISOString() }, 'ok'],
      ['withdrawn', { withdrawn_at: past }, 'unknown-listing'],
      ['done', { done_at: past }, 'unknown-listing'],
      ['expired', { expires_at: past }, 'unknown-listing'],
    ];
    for (const [status, change, answer] of closes) {
      const { id } = await storeListing(box, alice.id, DISS, { title: `Shared and ${status}`, regional: true });
      if (Object.keys(change).length > 0) await db.updateTable('listings').set(change).where('id', '=', id).execute();
      expect(
        (await box.client().json('GET', `/api/v1/listings/${id}`, undefined, aliceToken)).body.listing.status,
      ).toBe(status);
      expect(await receiveFederatedMessage(db, from, message(id), now), status).toBe(answer);
      const conversations = await db
        .selectFrom('federated_conversations')
        .select('id')
        .where('listing_id', '=', id)
        .execute();
      expect(conversations, status).toHaveLength(answer === 'ok' ? 1 : 0);
    }
  });

  describe('between two real boxes', () => {
    let eye: FederatedBox, diss: FederatedBox;
    beforeAll(async () => {
      ({ eye, diss } = await startEyeAndDiss());
    }, 60_000);
    afterAll(async () => {
      await Promise.all([eye, diss].map((b) => b?.close()));
    });

    it('refuses "I’m interested" on a listing withdrawn before its withdraw reached the sender, and the sender is told', async () => {
      const id = await postRegional(eye, { title: 'Plums from Eye' });
      await eventually('the listing at Diss', () => remoteListing(diss, id));
      // Eye goes off, and its member withdraws the listing meanwhile: Diss still shows it.
      const eyePeer = eye.sync!.peerId;
      const eyeAddress = addressOf(eye);
      await eye.sync!.stop();
      await eventually('Diss sees Eye gone', async () => !diss.sync!.isConnected(eyePeer));
      expect(
        (await eye.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'withdrawn' }, eye.token)).status,
      ).toBe(200);
      const asDiss = await memberClient(diss);
      expect(
        (await asDiss.postForm(`/listings/${id}/replies`, { body: 'Any plums left?' }, { from: `/listings/${id}` }))
          .status,
      ).toBe(303);

      const back = new SyncService(
        {
          box: syncPort(eye.database.db),
          identity: await loadOrCreateIdentity(eye.config.dataDir),
          now: eye.clock.now,
          log: () => {},
        },
        { listen: [eyeAddress], tickMs: 200, firstRedialMs: 200, maxRedialMs: 1_000 },
      );
      await back.start();
      try {
        const refused = await eventually('the refusal at Diss', async () => {
          const row = await diss.database.db
            .selectFrom('federated_messages')
            .select('refused')
            .where('body', '=', 'Any plums left?')
            .executeTakeFirst();
          return row?.refused ?? undefined;
        });
        expect(refused).toBe('the listing is closed or no longer shared');
        expect(
          await eye.database.db
            .selectFrom('federated_conversations')
            .select('id')
            .where('listing_id', '=', id)
            .execute(),
        ).toEqual([]);
        expect(await eye.database.db.selectFrom('federated_messages').select('id').execute()).toEqual([]);
      } finally {
        await back.stop();
      }
    });
  });
});

describe('cancelling a promise, and what "done" is called', () => {
  const NOT_PROMISED = 'This listing is not promised to anyone, so there is no promise to cancel.';
  const CANCEL_BUTTON = '>Cancel the promise to Bob Neighbour</button>';
  const STATUS_PROMISED_TO_BOB = /Status: <strong>promised<\/strong> to <a href="\/members\/[^"]+">Bob Neighbour<\/a>/;

  /** Alice's listing, which Bob replied to and Alice promised to him through the page's form. */
  async function promisedToBob(fields: Parameters<typeof postListingForm>[1]): Promise<string> {
    const id = await postListingForm(asAlice, fields);
    expect(
      (await asBob.postForm(`/listings/${id}/replies`, { body: 'Could I have it?' }, { from: `/listings/${id}` }))
        .status,
    ).toBe(303);
    const promised = await asAlice.postForm(`/listings/${id}/promise`, { to: bob.handle }, { from: `/listings/${id}` });
    expect(promised.status, promised.text.slice(0, 500)).toBe(303);
    expect((await stored(id)).promised_to).toBe(bob.id);
    return id;
  }

  const apiStatus = async (id: string) =>
    (await box.client().json('GET', `/api/v1/listings/${id}`, undefined, aliceToken)).body.listing.status;

  it('is the author’s button while promised: the listing is active again, and Bob’s page no longer says it is promised to him', async () => {
    const id = await promisedToBob({ title: 'Rhubarb crowns' });
    expect((await asAlice.get(`/listings/${id}`)).text).toContain(CANCEL_BUTTON);
    const bobsPage = (await asBob.get(`/listings/${id}`)).text;
    expect(bobsPage).toMatch(STATUS_PROMISED_TO_BOB);
    expect(bobsPage).not.toContain('Cancel the promise');
    expect((await asCarol.get('/listings?q=rhubarb&radius=any')).text).not.toContain(id);

    const released = await asAlice.postForm(`/listings/${id}/release`, {}, { from: `/listings/${id}` });
    expect(released.status, released.text.slice(0, 500)).toBe(303);
    expect(released.location).toBe(`/listings/${id}`);
    expect(await stored(id)).toMatchObject({ promised_to: null, promised_at: null, done_at: null, withdrawn_at: null });
    expect(await apiStatus(id)).toBe('active');
    const bobsPageAfter = (await asBob.get(`/listings/${id}`)).text;
    expect(bobsPageAfter).toContain('Status: <strong>active</strong>');
    expect(bobsPageAfter).not.toMatch(/promised/);
    expect((await asAlice.get(`/listings/${id}`)).text).not.toContain('Cancel the promise');
    expect((await asCarol.get('/listings?q=rhubarb&radius=any')).text).toContain(id);
    // Open to a promise again, to anyone who replied.
    expect(
      (await asAlice.postForm(`/listings/${id}/promise`, { to: bob.handle }, { from: `/listings/${id}` })).status,
    ).toBe(303);
  });

  it('comes back expired when the expiry passed while it was promised', async () => {
    const id = await promisedToBob({ title: 'Pea sticks' });
    const past = new Date(box.clock.now().getTime() - 60_000).toISOString();
    await box.database.db.updateTable('listings').set({ expires_at: past }).where('id', '=', id).execute();
    expect(await apiStatus(id)).toBe('promised');
    expect((await asAlice.postForm(`/listings/${id}/release`, {}, { from: `/listings/${id}` })).status).toBe(303);
    expect(await apiStatus(id)).toBe('expired');
    expect((await asAlice.get(`/listings/${id}`)).text).toContain('Status: <strong>expired</strong>');
  });

  it('is refused to anyone but the author, changing nothing', async () => {
    const forMembers = await promisedToBob({ title: 'Seed potatoes' });
    const forSeedSavers = await promisedToBob({
      title: 'Seed potatoes for Seed Savers',
      visibility: `group:${seedSavers}`,
    });
    // Bob and Carol see the first (403: not theirs); Carol does not see the second (404: as if it were not there).
    for (const [client, id, status] of [
      [asBob, forMembers, 403],
      [asCarol, forMembers, 403],
      [asBob, forSeedSavers, 403],
      [asCarol, forSeedSavers, 404],
    ] as const) {
      const before = await stored(id);
      const refused = await client.postForm(
        `/listings/${id}/release`,
        {},
        { from: status === 403 ? `/listings/${id}` : '/listings' },
      );
      expect(refused.status).toBe(status);
      if (status === 403) expect(refused.text).toContain('Only the member who posted this listing can do that.');
      expect(await stored(id)).toEqual(before);
    }
    for (const [token, id] of [
      [bobToken, forMembers],
      [carolToken, forMembers],
      [carolToken, forSeedSavers],
    ] as const) {
      const answer = await box.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'active' }, token);
      expect(answer.status).toBe(404);
      expect(answer.body.error.message).toMatch(/no listing/);
    }
    expect(await apiStatus(forMembers)).toBe('promised');
    expect(await apiStatus(forSeedSavers)).toBe('promised');
  });

  it('is refused with a reason when the listing is not promised', async () => {
    const active = await postListingForm(asAlice, { title: 'Never promised' });
    const given = await promisedToBob({ title: 'Given already' });
    expect((await asAlice.postForm(`/listings/${given}/done`, {}, { from: `/listings/${given}` })).status).toBe(303);
    for (const id of [active, given]) {
      const before = await stored(id);
      const refused = await asAlice.postForm(`/listings/${id}/release`, {}, { from: `/listings/${id}` });
      expect(refused.status).toBe(409);
      expect(refused.text).toContain(NOT_PROMISED);
      const answer = await box.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'active' }, aliceToken);
      expect(answer.status).toBe(409);
      expect(answer.body.error).toEqual({ code: 'conflict', message: NOT_PROMISED });
      expect(await stored(id)).toEqual(before);
    }
    expect((await stored(given)).promised_to).toBe(bob.id);
  });

  it('is PATCH {"status":"active"} on the API, and no other status goes back', async () => {
    const id = await promisedToBob({ title: 'Bean poles' });
    for (const status of ['promised', 'expired', 'Active']) {
      const refused = await box.client().json('PATCH', `/api/v1/listings/${id}`, { status }, aliceToken);
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields.status).toBe(
        'status can only be set to done, withdrawn, or active (to cancel a promise).',
      );
    }
    expect((await stored(id)).promised_to).toBe(bob.id);
    const released = await box.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'active' }, aliceToken);
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.listing).toMatchObject({ id, status: 'active', title: 'Bean poles' });
    expect((await stored(id)).promised_to).toBeNull();
    expect((await asBob.get(`/listings/${id}`)).text).toContain('Status: <strong>active</strong>');
    const again = await box.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'active' }, aliceToken);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(NOT_PROMISED);
  });

  it('queues a listing shared with neighbouring towns, to be shared again', async () => {
    const db = box.database.db;
    const { id, seq } = await storeListing(box, alice.id, DISS, { title: 'Shared, then promised', regional: true });
    await db
      .updateTable('listings')
      .set({ promised_to: bob.id, promised_at: box.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await takeRegionalChanges(db);
    const everShared = async () => true;
    expect((await regionalViewOf(db, seq, everShared, box.clock.now()))?.op).toBe('withdraw');

    expect((await box.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'active' }, aliceToken)).status).toBe(
      200,
    );
    expect(await takeRegionalChanges(db)).toEqual([seq]);
    expect(await regionalViewOf(db, seq, everShared, box.clock.now())).toMatchObject({
      listingId: id,
      op: 'upsert',
      fields: { title: 'Shared, then promised' },
    });
  });

  it.each([
    ['offer', 'Mark given', 'given'],
    ['want', 'Mark received', 'received'],
  ] as const)('calls a done %s "%s" and "%s" on the pages, and still done in the API', async (kind, button, word) => {
    const title = `Done ${kind} of apples`;
    const id = await promisedToBob({ kind, title });
    const page = (await asAlice.get(`/listings/${id}`)).text;
    expect(page).toContain(`>${button}</button>`);
    expect(page).not.toContain('Mark done');
    expect((await asAlice.postForm(`/listings/${id}/done`, {}, { from: `/listings/${id}` })).status).toBe(303);
    expect(await apiStatus(id)).toBe('done');
    for (const client of [asAlice, asBob]) {
      const shown = (await client.get(`/listings/${id}`)).text;
      expect(shown).toContain(`Status: <strong>${word}</strong>`);
      expect(shown).not.toContain('<strong>done</strong>');
    }
    // Alice's own listings, and Bob's "Listings you replied to".
    expect((await asAlice.get('/listings/mine')).text).toMatch(
      new RegExp(`${title}</a></h2>\\s*<p class="meta"><strong>${word}</strong>`),
    );
    expect((await asBob.get('/listings/mine')).text).toMatch(
      new RegExp(`${title}</a></h3>\\s*<p class="meta">With Alice Grower · <strong>${word}</strong>`),
    );
  });
});
