import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteMembership, putMembership } from '../../../src/groups/groups.queries.js';
import { DISS } from '../../helpers/box.js';
import { OFFER_FORM, postListingForm, storeListing } from '../helpers.js';
import {
  alice,
  aliceToken,
  asAlice,
  asBob,
  asCarol,
  beekeepers,
  bobToken,
  box,
  carolToken,
  seedSavers,
  stored,
} from './fixture.js';

/** Editing a listing for a group its author has left, and what a PATCH on the API may change. */
export function editingAndPatch(): void {
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
      expect(otherGroup.body.error.fields.visibility).toBe(
        'Who sees it must be members, public, or one of your groups.',
      );
      expect((await asCarol.get(`/listings/${id}`)).status).toBe(404);

      const widened = await box.client().json('PATCH', `/api/v1/listings/${id}`, { visibility: 'members' }, aliceToken);
      expect(widened.body.listing.visibility).toBe('members');
      expect((await asCarol.get(`/listings/${id}`)).status).toBe(200);
    });
  });

  describe('PATCH on the API', () => {
    it(
      'closes a listing priced in a code the box no longer has, ' + 'and asks for the price only when fields change',
      async () => {
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
      },
    );

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
}
