import { expect, it } from 'vitest';
import { findGroupsOfMember, findGroupsVisibleTo } from '../../../src/groups/groups.queries.js';
import { alice, asAlice, asBob, asCarol, bob, box, carol, post, startGroup, steward, viewerOf } from './fixture.js';

/** Nesting, joining, requests, invitations, admins, and who may act as one. */
export function membership(): void {
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

  it('makes nobody an admin when a member who is not one leaves naming a successor', async () => {
    const slug = await startGroup(asAlice, { name: 'Allotment Rota', join_policy: 'request' });
    await post(asBob, slug, 'join');
    await post(asCarol, slug, 'request');
    await post(asAlice, slug, `requests/${carol.handle}/approve`);
    await post(asBob, slug, 'request');
    await post(asAlice, slug, `requests/${bob.handle}/approve`);
    // A member leaving, and a member only asking to join, each naming another member as the new admin.
    const member = await post(asBob, slug, 'leave', { successor: carol.handle });
    expect(member.status).toBe(403);
    const roles = await findGroupsOfMember(box.database.db, carol.id, viewerOf(carol));
    expect(roles.find((g) => g.slug === slug)?.role).toBe('member');
    const asking = await startGroup(asAlice, { name: 'Beekeepers', join_policy: 'request' });
    await post(asCarol, asking, 'request');
    expect((await post(asCarol, asking, 'leave', { successor: alice.handle })).status).toBe(403);
    expect((await asBob.get(`/groups/${slug}`)).text).toContain('You are a member of this group.');
  });

  it('keeps no bidi override in a group’s name or purpose', async () => {
    const slug = await startGroup(asAlice, { name: 'Seed \u202ESwap', purpose: 'Swaps \u2066seeds\u2069.' });
    const page = await asAlice.get(`/groups/${slug}`);
    expect(page.text).toContain('Seed Swap');
    expect(page.text).toContain('Swaps seeds.');
    expect(page.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
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
}
