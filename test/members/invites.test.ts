import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../helpers/bad-input/state.queries.js';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { FLASH_MINUTES } from '../helpers/flash.js';
import { memberRow, requestToJoin, signedInMember } from './helpers.js';

/** Makes an invite link through the form and follows the redirect to its page; returns the link's path on the box. */
async function makeInvite(client: HttpClient, fields: Record<string, string> = {}): Promise<string> {
  const res = await client.postForm(
    '/invites',
    { expiry_days: '7', max_uses: '1', relation: 'neighbour', ...fields },
    { from: '/invites' },
  );
  expect(res.status).toBe(303);
  const link = /<code class="secret">(http:\/\/[^<]+)<\/code>/.exec((await client.get(res.location!)).text)![1]!;
  return new URL(link).pathname;
}

describe('invite links', () => {
  let box: TestBox;
  let inviter: Awaited<ReturnType<typeof signedInMember>>;
  beforeAll(async () => {
    box = await startSetUpBox({ vouchesRequired: 2 });
    inviter = await signedInMember(box, { displayName: 'Ivy Inviter' });
  });
  afterAll(() => box.close());

  it(
    'shows a new link once, on its own page after a redirect, with a QR code and the box origin, ' +
      'and stores only its hash',
    async () => {
      const res = await inviter.client.postForm(
        '/invites',
        { expiry_days: '', max_uses: '', relation: 'worked_with' },
        { from: '/invites' },
      );
      expect(res.status).toBe(303);
      const stored = await box.database.db
        .selectFrom('invites')
        .selectAll()
        .where('inviter_id', '=', inviter.member.id)
        .execute();
      expect(stored).toHaveLength(1);
      expect(res.location).toBe(`/invites/${stored[0]!.id}`);
      expect(res.text).not.toContain('/join/invite/');

      const page = await inviter.client.get(res.location!);
      expect(page.status).toBe(200);
      expect(page.response.headers.get('cache-control')).toBe('no-store');
      const link = /<code class="secret">([^<]+)<\/code>/.exec(page.text)![1]!;
      expect(link.startsWith(`${box.url}/join/invite/`)).toBe(true);
      expect(page.text).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
      const token = link.split('/').pop()!;
      expect(stored[0]).toMatchObject({
        max_uses: 1,
        uses: 0,
        relation: 'worked_with',
        expires_at: new Date(box.clock.now().getTime() + 7 * 86_400_000).toISOString(),
      });
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(box.logs.join('\n')).not.toContain(token);

      // A reload shows the invite without its link, and makes no other.
      const reload = await inviter.client.get(res.location!);
      expect(reload.status).toBe(200);
      expect(reload.text).not.toContain(token);
      expect(reload.text).toContain('shown once');
      expect(
        await box.database.db.selectFrom('invites').select('id').where('inviter_id', '=', inviter.member.id).execute(),
      ).toHaveLength(1);
      const list = await inviter.client.get('/invites');
      expect(list.text).toContain('0 of 1');
      expect(list.text).not.toContain(token);
    },
  );

  it("shows an invite's page to its inviter alone", async () => {
    const res = await inviter.client.postForm(
      '/invites',
      { expiry_days: '7', max_uses: '1', relation: 'neighbour' },
      { from: '/invites' },
    );
    expect(res.status).toBe(303);
    const stranger = await signedInMember(box);
    const seen = await stranger.client.get(res.location!);
    expect(seen.status).toBe(404);
    expect(seen.text).not.toContain('/join/invite/');
    expect((await box.client().request('GET', res.location!)).status).toBe(302); // a visitor is sent to sign in
    expect((await inviter.client.get('/invites/999999')).status).toBe(404);
    expect((await inviter.client.get('/invites/nope')).status).toBe(404);
    // The stranger's visit did not use up the link's one showing.
    expect((await inviter.client.get(res.location!)).text).toMatch(
      /<code class="secret">http:\/\/[^<]+\/join\/invite\//,
    );
  });

  it('forgets a link not shown in time', async () => {
    const res = await inviter.client.postForm(
      '/invites',
      { expiry_days: '7', max_uses: '1', relation: 'neighbour' },
      { from: '/invites' },
    );
    box.clock.advanceMinutes(FLASH_MINUTES);
    const page = await inviter.client.get(res.location!);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('/join/invite/');
    expect(page.text).toContain('shown once');
  });

  it('refuses out-of-range settings with clear messages', async () => {
    const res = await inviter.client.postForm(
      '/invites',
      { expiry_days: '31', max_uses: '0', relation: 'friend' },
      { from: '/invites' },
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Days the link works must be at most 30.');
    expect(res.text).toContain('How many people can use it must be at least 1.');
    expect(res.text).toContain('How you know them must be one of');
    expect(res.text).toContain('value="31"');
  });

  it("joining through a link records who invited them and counts as the inviter's vouch", async () => {
    const path = await makeInvite(inviter.client, { relation: 'neighbour' });
    const form = await box.client().get(path);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ivy Inviter invited you.');
    expect(form.text).toContain(`action="${path}"`);

    const bad = await requestToJoin(
      box,
      { display_name: 'Iggy Invited', contact: 'iggy@example.org', why_join: '' },
      path,
    );
    expect(bad.status).toBe(422);
    expect(
      (
        await box.database.db
          .selectFrom('invites')
          .select('uses')
          .where('inviter_id', '=', inviter.member.id)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).uses,
    ).toBe(0);

    const sent = await requestToJoin(box, { display_name: 'Iggy Invited', contact: 'iggy@example.org' }, path);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/join/sent');
    expect((await sent.client.get(sent.location!)).text).toContain('1 more vouch');
    const iggy = await memberRow(box, 'iggy-invited');
    expect(iggy).toMatchObject({ status: 'pending', invited_by: inviter.member.id });
    const invite = await box.database.db
      .selectFrom('invites')
      .selectAll()
      .where('id', '=', iggy!.invite_id!)
      .executeTakeFirstOrThrow();
    expect(invite.uses).toBe(1);
    expect(
      await box.database.db
        .selectFrom('vouches')
        .select(['voucher_id', 'relation', 'invite_id'])
        .where('member_id', '=', iggy!.id)
        .execute(),
    ).toEqual([{ voucher_id: inviter.member.id, relation: 'neighbour', invite_id: invite.id }]);

    const usedUp = await requestToJoin(box, { display_name: 'Second Comer', contact: 'second@example.org' }, path);
    expect(usedUp.status).toBe(410);
    expect(usedUp.text).toContain('already been used as many times as it allows');
    expect(await memberRow(box, 'second-comer')).toBeUndefined();

    // One more vouch makes two: Iggy is in.
    const other = await signedInMember(box);
    expect(
      (
        await other.client.postForm(
          '/members/iggy-invited/vouch',
          { relation: 'met_in_person', note: '' },
          { from: '/members/requests' },
        )
      ).status,
    ).toBe(303);
    expect(await memberRow(box, 'iggy-invited')).toMatchObject({ status: 'active' });
  });

  it('lets a link be used up to its maximum, and no further', async () => {
    const path = await makeInvite(inviter.client, { max_uses: '2' });
    expect((await requestToJoin(box, { display_name: 'Multi One', contact: 'm1@example.org' }, path)).status).toBe(303);
    expect((await requestToJoin(box, { display_name: 'Multi Two', contact: 'm2@example.org' }, path)).status).toBe(303);
    const third = await box.client().get(path);
    expect(third.status).toBe(410);
    expect(third.text).toContain('already been used as many times as it allows');
    expect((await requestToJoin(box, { display_name: 'Multi Three', contact: 'm3@example.org' }, path)).status).toBe(
      410,
    );
    expect(await memberRow(box, 'multi-three')).toBeUndefined();
    expect((await inviter.client.get('/invites')).text).toContain('2 of 2');
  });

  it("answers a member's email or phone through a link as a new one: the use taken, nothing stored", async () => {
    const path = await makeInvite(inviter.client, { max_uses: '2' });
    const members = async () => (await fingerprint(box)).members;
    const before = await members();
    const taken = await requestToJoin(box, { display_name: 'Copy Cat', contact: inviter.member.email }, path);
    expect(taken.status).toBe(303);
    expect(taken.location).toBe('/join/sent');
    expect((await taken.client.get(taken.location!)).text).toContain('1 more vouch');
    expect(await members()).toEqual(before);
    expect((await inviter.client.get('/invites')).text).toContain('1 of 2');
  });

  it('stops working when it expires', async () => {
    const path = await makeInvite(inviter.client, { expiry_days: '1' });
    box.clock.advanceMinutes(24 * 60 - 1);
    expect((await box.client().get(path)).status).toBe(200);
    box.clock.advanceMinutes(1);
    const expired = await box.client().get(path);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This invite link has expired.');
    expect((await requestToJoin(box, { display_name: 'Too Late', contact: 'late@example.org' }, path)).status).toBe(
      410,
    );
    expect(await memberRow(box, 'too-late')).toBeUndefined();
  });

  it('can be withdrawn by its inviter only', async () => {
    const path = await makeInvite(inviter.client);
    const invite = await box.database.db
      .selectFrom('invites')
      .select('id')
      .where('inviter_id', '=', inviter.member.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const stranger = await signedInMember(box);
    await stranger.client.get('/invites');
    expect((await stranger.client.postForm(`/invites/${invite.id}/revoke`, {})).status).toBe(404);
    expect((await box.client().get(path)).status).toBe(200);

    expect((await inviter.client.postForm(`/invites/${invite.id}/revoke`, {}, { from: '/invites' })).status).toBe(303);
    const revoked = await box.client().get(path);
    expect(revoked.status).toBe(410);
    expect(revoked.text).toContain('withdrawn');
    expect((await requestToJoin(box, { display_name: 'Nope Revoked', contact: 'nope@example.org' }, path)).status).toBe(
      410,
    );
    expect((await inviter.client.get('/invites')).text).toContain('withdrawn');
  });

  it('activates at once when one vouch is all the community needs', async () => {
    await box.database.db.updateTable('community').set({ vouches_required: 1 }).execute();
    const path = await makeInvite(inviter.client);
    const sent = await requestToJoin(box, { display_name: 'Quick Join', contact: 'quick@example.org' }, path);
    expect(sent.location).toBe('/join/sent');
    expect((await sent.client.get(sent.location!)).text).toContain('You are in');
    expect(await memberRow(box, 'quick-join')).toMatchObject({ status: 'active' });
    const quick = await memberRow(box, 'quick-join');
    expect(
      await box.database.db
        .selectFrom('member_decisions')
        .select(['decision', 'actor_id'])
        .where('member_id', '=', quick!.id)
        .execute(),
    ).toEqual([{ decision: 'activated_by_vouches', actor_id: null }]);
    await box.database.db.updateTable('community').set({ vouches_required: 2 }).execute();
  });

  it('answers 404 for an unknown link and keeps invites to members', async () => {
    expect((await box.client().get('/join/invite/not-a-real-token')).status).toBe(404);
    const visitor = await box.client().request('GET', '/invites');
    expect(visitor.status).toBe(302);
    const post = await box
      .client()
      .postForm('/invites', { expiry_days: '7', max_uses: '1', relation: 'neighbour' }, { from: '/join' });
    expect(post.status).toBe(401);
  });
});
