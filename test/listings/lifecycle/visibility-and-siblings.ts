import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveFederatedMessage } from '../../../src/federation/messages.queries.js';
import { loadOrCreateIdentity } from '../../../sync/identity.js';
import { SyncService } from '../../../sync/service.js';
import { syncPort } from '../../../src/federation/sync-port.js';
import { DISS } from '../../helpers/box.js';
import {
  addressOf,
  eventually,
  memberClient,
  postRegional,
  remoteListing,
  type FederatedBox,
  startEyeAndDiss,
} from '../../sync/helpers.js';
import { OFFER_FORM, postListingForm, storeListing } from '../helpers.js';
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

/** Who may see and change a group-only listing, and conversations from a sibling town. */
export function visibilityAndSiblings(): void {
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
        // Neither a valid form nor an invalid one: the author's form is never shown to them, not even re-rendered with
        // an error.
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

      it(
        'refuses "I’m interested" on a listing withdrawn before its withdraw reached the sender, ' +
          'and the sender is told',
        async () => {
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
        },
      );
    });
  });
}
