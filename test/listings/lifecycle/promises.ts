import { describe, expect, it } from 'vitest';
import { regionalViewOf, takeRegionalChanges } from '../../../src/federation/regional.queries.js';
import { DISS } from '../../helpers/box.js';
import { postListingForm, storeListing } from '../helpers.js';
import {
  alice,
  aliceToken,
  asAlice,
  asBob,
  asCarol,
  bob,
  bobToken,
  box,
  carolToken,
  seedSavers,
  stored,
} from './fixture.js';

/** Cancelling a promise, and what “done” is called. */
export function promisesAndDone(): void {
  describe('cancelling a promise, and what "done" is called', () => {
    const NOT_PROMISED = 'This listing is not promised to anyone, so there is no promise to cancel.';
    const CANCEL_BUTTON = '>Cancel the promise to Bob Neighbour</button>';
    const STATUS_PROMISED_TO_BOB =
      /Status: <strong>promised<\/strong> to <a href="\/members\/[^"]+">Bob Neighbour<\/a>/;

    /** Alice's listing, which Bob replied to and Alice promised to him through the page's form. */
    async function promisedToBob(fields: Parameters<typeof postListingForm>[1]): Promise<string> {
      const id = await postListingForm(asAlice, fields);
      expect(
        (await asBob.postForm(`/listings/${id}/replies`, { body: 'Could I have it?' }, { from: `/listings/${id}` }))
          .status,
      ).toBe(303);
      const promised = await asAlice.postForm(
        `/listings/${id}/promise`,
        { to: bob.handle },
        { from: `/listings/${id}` },
      );
      expect(promised.status, promised.text.slice(0, 500)).toBe(303);
      expect((await stored(id)).promised_to).toBe(bob.id);
      return id;
    }

    const apiStatus = async (id: string) =>
      (await box.client().json('GET', `/api/v1/listings/${id}`, undefined, aliceToken)).body.listing.status;

    it(
      'is the author’s button while promised: the listing is active again, ' +
        'and Bob’s page no longer says it is promised to him',
      async () => {
        const id = await promisedToBob({ title: 'Rhubarb crowns' });
        expect((await asAlice.get(`/listings/${id}`)).text).toContain(CANCEL_BUTTON);
        const bobsPage = (await asBob.get(`/listings/${id}`)).text;
        expect(bobsPage).toMatch(STATUS_PROMISED_TO_BOB);
        expect(bobsPage).not.toContain('Cancel the promise');
        expect((await asCarol.get('/listings?q=rhubarb&radius=any')).text).not.toContain(id);

        const released = await asAlice.postForm(`/listings/${id}/release`, {}, { from: `/listings/${id}` });
        expect(released.status, released.text.slice(0, 500)).toBe(303);
        expect(released.location).toBe(`/listings/${id}`);
        expect(await stored(id)).toMatchObject({
          promised_to: null,
          promised_at: null,
          done_at: null,
          withdrawn_at: null,
        });
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
      },
    );

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

      expect(
        (await box.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'active' }, aliceToken)).status,
      ).toBe(200);
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
}
