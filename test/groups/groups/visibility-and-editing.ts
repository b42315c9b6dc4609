import { expect, it } from 'vitest';
import { findGroupsOfMember, findGroupsVisibleTo } from '../../../src/groups/groups.queries.js';
import { STEWARD } from '../../helpers/box.js';
import { alice, asAlice, asBob, bob, box, groupRowCount, post, startGroup, steward, viewerOf } from './fixture.js';

/** Who sees a group, escaping, bad input, and editing and deleting a group. */
export function visibilityAndEditing(): void {
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
}
