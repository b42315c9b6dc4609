import { describe, expect, it } from 'vitest';
import type { HttpClient } from '../../helpers/client.js';
import { databaseContents } from '../../helpers/database-contents.js';
import { postListingForm } from '../../listings/helpers.js';
import { alice, asAlice, asBob, asCarol, bob, box, carol, post, startGroup } from './fixture.js';

/** Deleting a group that holds members’ listings or money. */
export function deletingWhatGroupsHold(): void {
  describe('deleting a group that holds members’ listings or money', () => {
    const db = () => box.database.db;
    const groupId = async (slug: string) =>
      (await db().selectFrom('groups').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    let payments = 0;
    const pay = (client: HttpClient, to: string, currency: string, amount: string) =>
      client.postForm(
        '/ledger/pay',
        { to, currency, amount, description: 'For the shed', idempotency_key: `group-delete-${++payments}` },
        { from: '/ledger/pay' },
      );

    /** Asks to delete the group, expects a 409 naming `blocker`, and checks that not a row of the database changed. */
    async function expectRefused(slug: string, blocker: string): Promise<void> {
      const before = databaseContents(box.config.databaseFile);
      const refused = await post(asAlice, slug, 'delete');
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('was not deleted');
      expect(refused.text).toContain(blocker);
      expect(refused.text).not.toContain(`/groups/${slug}/delete`);
      const after = databaseContents(box.config.databaseFile);
      expect(after).toEqual(before);
      // The edit page says the same before anyone tries, with no button to press.
      const page = await asAlice.get(`/groups/${slug}/edit`);
      expect(page.text).toContain('It cannot be deleted:');
      expect(page.text).toContain(blocker);
      expect(page.text).not.toContain(`/groups/${slug}/delete`);
    }

    it(
      'refuses while listings shown only to the group are open; ' +
        'once closed, they go with it, as the confirmation says',
      async () => {
        const slug = await startGroup(asAlice, { name: 'Tool Library' });
        await post(asBob, slug, 'join');
        await post(asCarol, slug, 'join');
        const id = await groupId(slug);
        const drill = await postListingForm(asBob, { title: 'Drill to lend', visibility: `group:${id}` });
        const ladder = await postListingForm(asBob, { title: 'Ladder to lend', visibility: `group:${id}` });
        expect(
          (
            await asCarol.postForm(
              `/listings/${drill}/replies`,
              { body: 'May I borrow it on Saturday?' },
              { from: `/listings/${drill}` },
            )
          ).status,
        ).toBe(303);

        await expectRefused(
          slug,
          '2 listings are shown only to this group and still open: ' +
            'their authors can change who sees them or withdraw them.',
        );

        // The author widens one and withdraws the other: nothing open is left.
        expect(
          (
            await asBob.postForm(
              `/listings/${ladder}/edit`,
              {
                kind: 'offer',
                title: 'Ladder to lend',
                description: 'Tall.',
                category: 'tools',
                terms: 'free',
                price_amount: '',
                price_currency: '',
                place_id: '',
                lat: '52.38',
                lon: '1.11',
                visibility: 'members',
              },
              { from: `/listings/${ladder}/edit` },
            )
          ).status,
        ).toBe(303);
        expect((await asBob.postForm(`/listings/${drill}/withdraw`, {}, { from: `/listings/${drill}` })).status).toBe(
          303,
        );
        const confirmation = (await asAlice.get(`/groups/${slug}/edit`)).text;
        expect(confirmation).toContain('<li>its 3 memberships</li>');
        expect(confirmation).toContain(
          '1 closed listing (withdrawn, done or archived) that was shown only to this group, ' +
            'with its photos and replies: its author loses it from their history',
        );
        expect(confirmation).toContain('Members’ other listings, their accounts and their payments are not touched.');

        expect((await post(asAlice, slug, 'delete')).status).toBe(303);
        expect((await asAlice.get(`/groups/${slug}`)).status).toBe(404);
        expect((await asBob.get(`/listings/${drill}`)).status).toBe(404);
        expect(
          await db()
            .selectFrom('listing_conversations as c')
            .innerJoin('listings as l', 'l.seq', 'c.listing_seq')
            .select('c.id')
            .where('l.id', '=', drill)
            .execute(),
        ).toEqual([]);
        expect((await asCarol.get(`/listings/${ladder}`)).status).toBe(200);
      },
    );

    it('refuses while the group’s currency has accounts, and keeps every balance in it', async () => {
      const slug = await startGroup(asAlice, { name: 'Shed Swap' });
      await post(asBob, slug, 'join');
      const created = await asAlice.postForm(
        '/ledger/currencies/new',
        {
          group: slug,
          name: 'Shed Hours',
          code: 'SHH',
          symbol: 'h',
          counted_in: 'minutes',
          lower_limit: '-10:00',
          upper_limit: '10:00',
          request_days: '14',
        },
        { from: '/ledger/currencies/new' },
      );
      expect(created.status).toBe(303);
      expect((await pay(asBob, alice.handle, 'SHH', '2')).status).toBe(303);

      await expectRefused(
        slug,
        'The group’s currency SHH (Shed Hours) has 2 accounts: a group whose currency is in use cannot be deleted',
      );
      const balances = await db()
        .selectFrom('accounts as a')
        .innerJoin('currencies as c', 'c.id', 'a.currency_id')
        .select(['a.member_id', 'a.balance'])
        .where('c.code', '=', 'SHH')
        .orderBy('a.balance')
        .execute();
      expect(balances).toEqual([
        { member_id: bob.id, balance: -120 },
        { member_id: alice.id, balance: 120 },
      ]);
      // Still a currency its members can pay in.
      expect((await pay(asAlice, bob.handle, 'SHH', '0:30')).status).toBe(303);
    });

    it('refuses while the group’s fund has been used, and keeps its money where its admins can reach it', async () => {
      const slug = await startGroup(asAlice, { name: 'Kitty' });
      expect((await pay(asCarol, `group:${slug}`, 'DHR', '3')).status).toBe(303);

      await expectRefused(
        slug,
        'The group’s fund has 1 transfer in DHR and a balance of 3:00 DHR: ' +
          'a group whose fund has been used cannot be deleted',
      );
      expect((await asAlice.get(`/groups/${slug}`)).text).toContain('3:00');
      // Its admin can still spend it.
      const spent = await asAlice.postForm(
        '/ledger/pay',
        {
          as_group: slug,
          to: carol.handle,
          currency: 'DHR',
          amount: '1',
          description: 'Change',
          idempotency_key: `group-delete-${++payments}`,
        },
        { from: '/ledger/pay' },
      );
      expect(spent.status).toBe(303);
    });

    it('deletes a currency nobody has used along with its group, and says so first', async () => {
      const slug = await startGroup(asAlice, { name: 'Seed Circle' });
      const id = await groupId(slug);
      expect(
        (
          await asAlice.postForm(
            '/ledger/currencies/new',
            {
              group: slug,
              name: 'Seed Tokens',
              code: 'SEED',
              symbol: 's',
              counted_in: 'hundredths',
              lower_limit: '-10',
              upper_limit: '10',
              request_days: '14',
            },
            { from: '/ledger/currencies/new' },
          )
        ).status,
      ).toBe(303);
      expect((await asAlice.get(`/groups/${slug}/edit`)).text).toContain(
        '<li>its currency SEED (Seed Tokens), which nobody has used</li>',
      );
      expect((await post(asAlice, slug, 'delete')).status).toBe(303);
      expect(await db().selectFrom('currencies').select('id').where('code', '=', 'SEED').execute()).toEqual([]);
      expect(await db().selectFrom('group_members').select('member_id').where('group_id', '=', id).execute()).toEqual(
        [],
      );
    });

    it('lists every blocker at once, and still refuses non-admins before weighing anything', async () => {
      const slug = await startGroup(asAlice, { name: 'Busy Bees' });
      await post(asBob, slug, 'join');
      await startGroup(asAlice, { name: 'Hive Keepers' }, slug);
      await postListingForm(asBob, { title: 'Honey jar', visibility: `group:${await groupId(slug)}` });
      expect((await pay(asBob, `group:${slug}`, 'DHR', '0:15')).status).toBe(303);

      expect((await post(asBob, slug, 'delete')).status).toBe(403);
      const refused = await post(asAlice, slug, 'delete');
      expect(refused.status).toBe(409);
      for (const blocker of [
        'There is 1 group inside it',
        '1 listing is shown only to this group and still open: its author can change who sees it or withdraw it.',
        'The group’s fund has 1 transfer in DHR and a balance of 0:15 DHR',
      ]) {
        expect(refused.text).toContain(blocker);
      }
      expect((await asAlice.get(`/groups/${slug}`)).status).toBe(200);
    });
  });
}
