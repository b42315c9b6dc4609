import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, STEWARD, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { findGroupsOfMember, findGroupsVisibleTo } from '../../src/groups/groups.queries.js';
import { databaseContents } from '../helpers/database-contents.js';
import { postListingForm } from '../listings/helpers.js';

type Account = Awaited<ReturnType<typeof addActiveMember>>;

describe('groups', () => {
  let box: TestBox & { stewardHandle: string };
  let alice: Account, bob: Account, carol: Account;
  let steward: HttpClient, asAlice: HttpClient, asBob: HttpClient, asCarol: HttpClient;

  beforeAll(async () => {
    box = await startSetUpBox();
    [alice, bob, carol] = [
      await addActiveMember(box, { displayName: 'Alice Admin' }),
      await addActiveMember(box, { displayName: 'Bob Baker' }),
      await addActiveMember(box, { displayName: 'Carol Cook' }),
    ];
    [steward, asAlice, asBob, asCarol] = await Promise.all(
      [
        [STEWARD.email, STEWARD.password],
        [alice.email, alice.password],
        [bob.email, bob.password],
        [carol.email, carol.password],
      ].map(async ([account, password]) => {
        const client = box.client();
        await client.signIn(account!, password!);
        return client;
      }),
    );
  });
  afterAll(() => box.close());

  let counter = 0;
  /** Starts a group through the form and returns its slug. */
  async function startGroup(
    client: HttpClient,
    fields: Partial<Record<'name' | 'slug' | 'purpose' | 'join_policy' | 'visibility', string>>,
    parent = 'community',
  ): Promise<string> {
    counter += 1;
    const form = `/groups/new?parent=${parent}`;
    const result = await client.postForm(
      form,
      { name: `Group ${counter}`, slug: '', purpose: '', join_policy: 'open', visibility: 'everyone', ...fields },
      { from: form },
    );
    expect(result.status, result.text.slice(0, 400)).toBe(303);
    return result.location!.replace('/groups/', '');
  }

  const post = (client: HttpClient, slug: string, action: string, fields: Record<string, string> = {}) =>
    client.postForm(`/groups/${slug}/${action}`, fields, { from: `/groups/${slug}` });
  const groupRowCount = async () =>
    Number(
      (
        await box.database.db
          .selectFrom('groups')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const viewerOf = (account: Account) => ({ id: account.id, role: 'member' as const });

  it('nests groups three levels deep, each creator its first admin', async () => {
    const top = await startGroup(asAlice, { name: 'Growing Food', purpose: 'Allotments and seed swaps.' });
    expect(top).toBe('growing-food');
    // Only members of a group may start one inside it.
    expect((await asBob.get(`/groups/new?parent=${top}`)).status).toBe(403);
    await post(asBob, top, 'join');
    const middle = await startGroup(asBob, { name: 'Seed Library' }, top);
    const bottom = await startGroup(asBob, { name: 'Tomato Savers' }, middle);

    const tree = await box.client().get('/groups');
    expect(tree.text).toMatch(/Growing Food[\s\S]*<ul>[\s\S]*Seed Library[\s\S]*<ul>[\s\S]*Tomato Savers/);
    const page = await asBob.get(`/groups/${bottom}`);
    expect(page.text).toMatch(/Growing Food<\/a> › <a href="\/groups\/seed-library">Seed Library/);
    expect(page.text).toContain('You are an admin of this group.');

    const listing = await findGroupsVisibleTo(box.database.db, viewerOf(bob));
    expect(listing.find((g) => g.slug === bottom)).toMatchObject({
      parent: middle,
      member_count: 1,
      my_role: 'admin',
      join_policy: 'open',
    });
    expect(listing.find((g) => g.slug === 'community')).toMatchObject({ parent: null, my_role: 'member' });
    expect(await findGroupsOfMember(box.database.db, bob.id, null)).toEqual([
      { slug: top, name: 'Growing Food', role: 'member' },
      { slug: middle, name: 'Seed Library', role: 'admin' },
      { slug: bottom, name: 'Tomato Savers', role: 'admin' },
    ]);
  });

  it('lets members join an open group and leave it; htmx gets the membership panel alone', async () => {
    const slug = await startGroup(asAlice, { name: 'Walkers', join_policy: 'open' });
    await asCarol.get(`/groups/${slug}`);
    const joined = await asCarol.postForm(`/groups/${slug}/join`, {}, { headers: { 'HX-Request': 'true' } });
    expect(joined.status).toBe(200);
    expect(joined.text).not.toContain('<html');
    expect(joined.text).toContain('id="membership"');
    expect(joined.text).toContain('You are a member of this group.');
    expect(joined.text).toContain('2 members');
    expect((await asCarol.get('/groups')).text).toMatch(/Walkers<\/a>\s*<span class="meta">2 members · you: member/);

    const left = await post(asCarol, slug, 'leave');
    expect(left.status).toBe(303);
    expect(left.location).toBe(`/groups/${slug}`);
    expect((await asCarol.get(`/groups/${slug}`)).text).toContain('Join Walkers');
    // Nobody leaves the community from here.
    expect((await post(asCarol, 'community', 'leave')).status).toBe(409);
  });

  it('takes requests to join, which admins approve or decline', async () => {
    const slug = await startGroup(asAlice, { name: 'Choir', join_policy: 'request' });
    expect((await post(asBob, slug, 'join')).status).toBe(403);
    expect((await post(asBob, slug, 'request')).status).toBe(303);
    expect((await post(asCarol, slug, 'request')).status).toBe(303);
    expect((await asBob.get(`/groups/${slug}`)).text).toContain('You asked to join');

    const adminView = await asAlice.get(`/groups/${slug}`);
    expect(adminView.text).toContain('Asking to join');
    expect(adminView.text).toContain(`/groups/${slug}/requests/${bob.handle}/approve`);
    expect((await asCarol.get(`/groups/${slug}`)).text).not.toContain('Asking to join');
    expect((await post(asCarol, slug, `requests/${bob.handle}/approve`)).status).toBe(403);

    expect((await post(asAlice, slug, `requests/${bob.handle}/approve`)).status).toBe(303);
    expect((await post(asAlice, slug, `requests/${carol.handle}/decline`)).status).toBe(303);
    expect((await asBob.get(`/groups/${slug}`)).text).toContain('You are a member of this group.');
    expect((await asCarol.get(`/groups/${slug}`)).text).toContain('Ask to join');
    expect((await post(asAlice, slug, `requests/${carol.handle}/approve`)).status).toBe(404);
  });

  it('lets admins invite members by handle, who accept with join', async () => {
    const slug = await startGroup(asAlice, { name: 'Treasurers', join_policy: 'invite' });
    expect((await post(asBob, slug, 'join')).status).toBe(403);
    expect((await post(asBob, slug, 'request')).status).toBe(403);

    const unknown = await post(asAlice, slug, 'invite', { handle: 'nobody-here' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('No active member has the handle nobody-here.');
    expect(unknown.text).toContain('value="nobody-here"');

    const empty = await post(asAlice, slug, 'invite', { handle: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Handle is required');

    expect((await post(asAlice, slug, 'invite', { handle: `@${bob.handle.toUpperCase()}` })).status).toBe(303);
    expect((await asBob.get('/groups')).text).toMatch(/Treasurers<\/a>\s*<span class="meta">1 member · you: invited/);
    const invited = await asBob.get(`/groups/${slug}`);
    expect(invited.text).toContain('You are invited to join.');
    expect((await asAlice.get(`/groups/${slug}`)).text).toContain('Withdraw the invitation');
    expect((await post(asBob, slug, 'join')).status).toBe(303);
    expect((await asBob.get(`/groups/${slug}`)).text).toContain('You are a member of this group.');
    const again = await post(asAlice, slug, 'invite', { handle: bob.handle });
    expect(again.status).toBe(422);
    expect(again.text).toContain(`@${bob.handle} is already a member.`);
  });

  it('keeps an admin: the last one may not step down, leave or be removed without naming another', async () => {
    const slug = await startGroup(asAlice, { name: 'Bike Repair' });
    await post(asBob, slug, 'join');
    const alone = `members/${alice.handle}`;
    expect((await post(asAlice, slug, `${alone}/role`, { role: 'member' })).status).toBe(409);
    expect((await post(asAlice, slug, `${alone}/remove`)).status).toBe(409);
    const refused = await post(asAlice, slug, 'leave');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('A group needs at least one admin.');
    const refusedPanel = await asAlice.postForm(`/groups/${slug}/leave`, {}, { headers: { 'HX-Request': 'true' } });
    expect(refusedPanel.status).toBe(409);
    expect(refusedPanel.text).toMatch(/^<section id="membership"[\s\S]*A group needs at least one admin\./);
    expect((await asAlice.get(`/groups/${slug}`)).text).toContain('Who takes over as admin when you leave?');
    const badSuccessor = await post(asAlice, slug, 'leave', { successor: carol.handle });
    expect(badSuccessor.status).toBe(422);
    expect(badSuccessor.text).toContain('The new admin must be another member of this group.');

    expect((await post(asAlice, slug, `members/${bob.handle}/role`, { role: 'owner' })).status).toBe(422);
    expect((await post(asAlice, slug, `members/${bob.handle}/role`, { role: 'admin' })).status).toBe(303);
    expect((await post(asAlice, slug, `${alone}/role`, { role: 'member' })).status).toBe(303);
    expect((await post(asBob, slug, `${alone}/role`, { role: 'admin' })).status).toBe(303);
    expect((await post(asBob, slug, `${alone}/remove`)).status).toBe(303);
    expect((await asAlice.get(`/groups/${slug}`)).text).toContain('Join Bike Repair');

    const handover = await startGroup(asAlice, { name: 'Film Club' });
    await post(asCarol, handover, 'join');
    expect((await post(asAlice, handover, 'leave', { successor: carol.handle })).status).toBe(303);
    expect((await asCarol.get(`/groups/${handover}`)).text).toContain('You are an admin of this group.');
  });

  it('refuses admin actions to members who are not admins (403), and to visitors (401)', async () => {
    const slug = await startGroup(asAlice, { name: 'Quiz Night', join_policy: 'request' });
    await post(asBob, slug, 'request');
    await post(asAlice, slug, `requests/${bob.handle}/approve`);
    await post(asCarol, slug, 'request');
    expect((await asBob.get(`/groups/${slug}/edit`)).status).toBe(403);
    for (const [action, fields] of [
      ['edit', { name: 'Taken over', slug: '', purpose: '', join_policy: 'open', visibility: 'everyone' }],
      ['invite', { handle: carol.handle }],
      [`requests/${carol.handle}/approve`, {}],
      [`members/${alice.handle}/role`, { role: 'member' }],
      [`members/${alice.handle}/remove`, {}],
      ['delete', {}],
    ] as const) {
      expect((await post(asBob, slug, action, fields)).status, action).toBe(403);
    }
    const visitor = box.client();
    expect((await post(visitor, slug, 'join')).status).toBe(401);
    const signIn = await visitor.request('GET', `/groups/new?parent=${slug}`);
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get('location')).toMatch(/^\/signin\?next=/);
    // Stewards are the root group's admins, and only of the root.
    expect((await steward.get('/groups/community/edit')).status).toBe(200);
    expect((await asAlice.get('/groups/community/edit')).status).toBe(403);
    expect((await steward.get(`/groups/${slug}/edit`)).status).toBe(403);
  });

  it('hides a group-only group and everything under it from non-members and visitors, everywhere', async () => {
    const secret = await startGroup(asAlice, { name: 'Surprise Party Planners', purpose: 'Shh.', visibility: 'group' });
    const inside = await startGroup(asAlice, { name: 'Cake Subcommittee', visibility: 'everyone' }, secret);
    const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0];
    const missing = mainOf((await box.client().get('/groups/no-such-group')).text);

    for (const [who, client] of [
      ['visitor', box.client()],
      ['member', asBob],
      ['steward', steward],
    ] as const) {
      const tree = await client.get('/groups');
      expect(tree.text, who).not.toContain('Surprise Party');
      expect(tree.text, who).not.toContain('Cake Subcommittee');
      for (const slug of [secret, inside]) {
        const page = await client.get(`/groups/${slug}`);
        expect(page.status, who).toBe(404);
        expect(mainOf(page.text), who).toBe(missing);
      }
      const root = await client.get('/groups/community');
      expect(root.text, who).not.toContain('Surprise Party');
    }
    // The stewards' names are members-only by default, and a handle is made from the name: visitors see neither.
    const publicRoot = await box.client().get('/groups/community');
    expect(publicRoot.text).not.toContain(STEWARD.name);
    expect(publicRoot.text).not.toContain(box.stewardHandle);
    // Not even an admin action reveals it: 404, never 403.
    expect((await post(asBob, secret, 'join')).status).toBe(404);
    expect((await post(asBob, inside, 'join')).status).toBe(404);

    const stewardAccount = {
      id: (
        await box.database.db
          .selectFrom('members')
          .select('id')
          .where('handle', '=', box.stewardHandle)
          .executeTakeFirstOrThrow()
      ).id,
      role: 'steward' as const,
    };
    for (const viewer of [null, viewerOf(bob), stewardAccount]) {
      const slugs = (await findGroupsVisibleTo(box.database.db, viewer)).map((g) => g.slug);
      expect(slugs).not.toContain(secret);
      expect(slugs).not.toContain(inside);
    }
    expect(await findGroupsOfMember(box.database.db, alice.id, viewerOf(bob))).not.toContainEqual(
      expect.objectContaining({ slug: secret }),
    );

    // Its members see it all, with counts.
    const mine = await findGroupsVisibleTo(box.database.db, viewerOf(alice));
    expect(mine.find((g) => g.slug === secret)).toMatchObject({
      visibility: 'group',
      member_count: 1,
      my_role: 'admin',
    });
    expect(mine.find((g) => g.slug === inside)).toMatchObject({ parent: secret });
    expect((await asAlice.get('/groups')).text).toContain('Cake Subcommittee');

    // An invitee may open it to accept, and then sees the subgroup too.
    await post(asAlice, secret, 'invite', { handle: bob.handle });
    const invitation = await asBob.get(`/groups/${secret}`);
    expect(invitation.status).toBe(200);
    expect(invitation.text).toContain('You are invited to join.');
    await post(asBob, secret, 'join');
    expect((await asBob.get(`/groups/${inside}`)).status).toBe(200);
    // Leaving hides it again, and sends the member back to the tree.
    const left = await post(asBob, secret, 'leave');
    expect(left.location).toBe('/groups');
    expect((await asBob.get(`/groups/${inside}`)).status).toBe(404);
  });

  it('shows a members-only group to signed-in members but not to visitors', async () => {
    const slug = await startGroup(asAlice, { name: 'Neighbourhood Watch', visibility: 'members' });
    const visitor = box.client();
    expect((await visitor.get('/groups')).text).not.toContain('Neighbourhood Watch');
    expect((await visitor.get(`/groups/${slug}`)).status).toBe(404);
    expect((await findGroupsVisibleTo(box.database.db, null)).map((g) => g.slug)).not.toContain(slug);
    expect((await asBob.get('/groups')).text).toContain('Neighbourhood Watch');
    expect((await asBob.get(`/groups/${slug}`)).status).toBe(200);
  });

  it('escapes markup in names and purposes', async () => {
    const slug = await startGroup(asAlice, {
      name: '<script>alert(1)</script> Club',
      purpose: '<img src=x onerror=alert(2)>',
    });
    for (const path of [`/groups/${slug}`, '/groups']) {
      const page = await asAlice.get(path);
      expect(page.text).not.toContain('<script>alert(1)');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Club');
    }
    const page = await asAlice.get(`/groups/${slug}`);
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('re-renders bad input at 422 with messages and the values typed, storing nothing', async () => {
    const before = await groupRowCount();
    const form = '/groups/new?parent=community';
    const cases: [Record<string, string>, string, string][] = [
      [{ name: '' }, 'name', 'Name is required.'],
      [{ purpose: 'x'.repeat(2001) }, 'purpose', 'Purpose can be at most 2000 characters.'],
      [{ join_policy: 'whenever' }, 'join_policy', 'Who can join must be one of: open, request or invite.'],
      [{ visibility: 'secret' }, 'visibility', 'Who can see it must be one of: everyone, members or group.'],
      [{ slug: 'Bad Slug!' }, 'slug', 'Web address may hold only lower-case letters'],
      [{ slug: 'new' }, 'slug', 'That web address is reserved'],
      [{ slug: 'growing-food' }, 'slug', 'Another group has that web address'],
    ];
    for (const [fields, field, message] of cases) {
      const result = await asAlice.postForm(
        form,
        {
          name: 'Kept Name',
          slug: '',
          purpose: 'Kept purpose',
          join_policy: 'open',
          visibility: 'everyone',
          ...fields,
        },
        { from: form },
      );
      expect(result.status, field).toBe(422);
      expect(result.text, field).toContain(message);
      expect(result.text, field).toContain(`id="f-${field}-error"`);
      if (field !== 'name') expect(result.text, field).toContain('value="Kept Name"');
    }
    const missing = await asAlice.postForm(form, {}, { from: form });
    expect(missing.status).toBe(422);
    expect(await groupRowCount()).toBe(before);

    const slug = await startGroup(asAlice, { name: 'Editable' });
    const edit = await asAlice.postForm(
      `/groups/${slug}/edit`,
      { name: '', slug: 'editable', purpose: '', join_policy: 'open', visibility: 'nobody' },
      { from: `/groups/${slug}/edit` },
    );
    expect(edit.status).toBe(422);
    expect(edit.text).toContain('Name is required.');
    expect((await asAlice.get(`/groups/${slug}`)).text).toContain('<h1>Editable</h1>');
  });

  it('lets admins rename a group, change its address and policy, and delete it', async () => {
    const slug = await startGroup(asAlice, { name: 'Book Swap' });
    const saved = await asAlice.postForm(
      `/groups/${slug}/edit`,
      {
        name: 'Book & Zine Swap',
        slug: 'zines',
        purpose: 'Paper things.',
        join_policy: 'request',
        visibility: 'members',
      },
      { from: `/groups/${slug}/edit` },
    );
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/groups/zines');
    expect((await asAlice.get(`/groups/${slug}`)).status).toBe(404);
    const page = await asAlice.get('/groups/zines');
    expect(page.text).toContain('Book &amp; Zine Swap');
    expect(page.text).toContain('Ask to join: its admins approve new members.');

    const child = await startGroup(asAlice, { name: 'Comics' }, 'zines');
    const refused = await post(asAlice, 'zines', 'delete');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('There is 1 group inside it: delete it first.');
    expect((await asAlice.get(`/groups/${child}`)).status).toBe(200);
    const confirmation = (await asAlice.get(`/groups/${child}/edit`)).text;
    expect(confirmation).toContain('Deleting Comics cannot be undone.');
    expect(confirmation).toContain('<li>its 1 membership</li>');
    expect((await post(asAlice, child, 'delete')).status).toBe(303);
    const deleted = await post(asAlice, 'zines', 'delete');
    expect(deleted.location).toBe('/groups/community');
    expect((await asAlice.get('/groups/zines')).status).toBe(404);
    expect((await post(steward, 'community', 'delete')).status).toBe(409);
  });

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

    it('refuses while listings shown only to the group are open; once closed, they go with it, as the confirmation says', async () => {
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
        '2 listings are shown only to this group and still open: their authors can change who sees them or withdraw them.',
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
        '1 closed listing (withdrawn, done or archived) that was shown only to this group, with its photos and replies: its author loses it from their history',
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
    });

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
        'The group’s fund has 1 transfer in DHR and a balance of 3:00 DHR: a group whose fund has been used cannot be deleted',
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
});
