import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import { memberRow, profileFields, requestToJoin, signedIn, signedInMember } from './helpers.js';

describe('vouching for a join request', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox({ vouchesRequired: 2 });
  });
  afterAll(() => box.close());

  it('activates the newcomer with the second vouch, logging the box as the decider', async () => {
    expect(
      (
        await requestToJoin(box, {
          display_name: 'Nell Newcomer',
          contact: 'nell@example.org',
          why_join: 'Tomatoes <em>everywhere</em>',
        })
      ).status,
    ).toBe(303);
    const first = await signedInMember(box, { displayName: 'Vera Voucher' });
    const second = await signedInMember(box, { displayName: 'Victor Voucher' });

    const requests = await first.client.get('/members/requests');
    expect(requests.status).toBe(200);
    expect(requests.text).toContain('Nell Newcomer');
    expect(requests.text).toContain('Tomatoes &lt;em&gt;everywhere&lt;/em&gt;');
    expect(requests.text).toContain('0 of 2 vouches');
    expect(requests.text).not.toContain('52.38123'); // the exact location is private

    const vouched = await first.client.postForm('/members/nell-newcomer/vouch', {
      relation: 'met_in_person',
      note: '',
    });
    expect(vouched.status).toBe(303);
    expect((await first.client.get(vouched.location!)).text).toContain('Your vouch for Nell Newcomer is recorded.');
    expect(await memberRow(box, 'nell-newcomer')).toMatchObject({ status: 'pending' });

    const again = await first.client.postForm(
      '/members/nell-newcomer/vouch',
      { relation: 'neighbour', note: '' },
      { from: '/members/requests' },
    );
    expect(again.status).toBe(409);
    expect(again.text).toContain('You have already vouched for Nell Newcomer.');

    const page = await second.client.get('/members/requests');
    expect(page.text).toContain('1 of 2 vouches');
    const activating = await second.client.postForm('/members/nell-newcomer/vouch', {
      relation: 'other',
      note: 'We sing in the same choir.',
    });
    expect(activating.status).toBe(303);
    expect((await second.client.get(activating.location!)).text).toContain('Nell Newcomer is now a member.');

    const row = await memberRow(box, 'nell-newcomer');
    expect(row).toMatchObject({ status: 'active', activated_at: box.clock.now().toISOString() });
    const decisions = await box.database.db
      .selectFrom('member_decisions')
      .selectAll()
      .where('member_id', '=', row!.id)
      .execute();
    expect(decisions).toMatchObject([{ decision: 'activated_by_vouches', actor_id: null }]);
    const vouches = await box.database.db
      .selectFrom('vouches')
      .selectAll()
      .where('member_id', '=', row!.id)
      .orderBy('id')
      .execute();
    expect(vouches).toMatchObject([
      { voucher_id: first.member.id, relation: 'met_in_person', note: '' },
      { voucher_id: second.member.id, relation: 'other', note: 'We sing in the same choir.' },
    ]);

    await signedIn(box, 'nell@example.org', 'nell-password-2026');
    const third = await signedInMember(box);
    const late = await third.client.postForm(
      '/members/nell-newcomer/vouch',
      { relation: 'neighbour', note: '' },
      { from: '/members/requests' },
    );
    expect(late.status).toBe(409);
    expect(late.text).toContain('no longer waiting for vouches');
  });

  it('needs a note when the relation is "another way", and a known relation', async () => {
    await requestToJoin(box, { display_name: 'Olly Other', contact: 'olly@example.org' });
    const { client } = await signedInMember(box);
    const noNote = await client.postForm(
      '/members/olly-other/vouch',
      { relation: 'other', note: '  ' },
      { from: '/members/requests' },
    );
    expect(noNote.status).toBe(422);
    expect(noNote.text).toContain('Say how you know them when it is another way.');
    const badRelation = await client.postForm('/members/olly-other/vouch', { relation: 'cousin', note: '<i>x</i>' });
    expect(badRelation.status).toBe(422);
    expect(badRelation.text).toContain('How you know them must be one of');
    expect(badRelation.text).toContain('value="&lt;i&gt;x&lt;/i&gt;"');
    expect(await box.database.db.selectFrom('vouches').selectAll().where('note', 'like', '%x%').execute()).toHaveLength(
      0,
    );
  });

  it('answers 404 for a request that does not exist', async () => {
    const { client } = await signedInMember(box);
    const res = await client.postForm(
      '/members/nobody-here/vouch',
      { relation: 'neighbour', note: '' },
      { from: '/members/requests' },
    );
    expect(res.status).toBe(404);
  });

  it('names only someone whose name the member may see, whatever handle is put in the address', async () => {
    const hidden = await signedInMember(box);
    const fields = profileFields({ display_name: 'Quentin Quiet', name_visibility: 'me' });
    expect((await hidden.client.postForm('/profile', fields, { from: '/profile' })).status).toBe(303);
    const { client } = await signedInMember(box);
    const page = await client.get(`/members/requests?vouched=${hidden.member.handle}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Quentin Quiet');
    // Nor the refusal to vouch for someone who is not waiting.
    const vouch = { relation: 'neighbour', note: '' };
    const refused = await client.postForm(`/members/${hidden.member.handle}/vouch`, vouch, {
      from: '/members/requests',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`${hidden.member.handle} is no longer waiting for vouches.`);
    expect(refused.text).not.toContain('Quentin Quiet');
  });

  it('shows requests to members only', async () => {
    const res = await box.client().request('GET', '/members/requests');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fmembers%2Frequests');
    const post = await box
      .client()
      .postForm('/members/olly-other/vouch', { relation: 'neighbour', note: '' }, { from: '/join' });
    expect(post.status).toBe(401);
  });
});
