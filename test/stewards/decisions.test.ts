import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { memberRow, requestToJoin, signedIn, signedInMember, signedInSteward } from '../members/helpers.js';

/* The stewards' decisions, on one box the tests below share in order. */
let box: TestBox & { stewardHandle: string };
let steward: HttpClient;
beforeAll(async () => {
  box = await startSetUpBox({ vouchesRequired: 2 });
  steward = await signedInSteward(box);
});
afterAll(() => box.close());

const decisionsOf = async (handle: string) => {
  const row = await memberRow(box, handle);
  return box.database.db
    .selectFrom('member_decisions')
    .select(['decision', 'actor_id', 'reason', 'created_at'])
    .where('member_id', '=', row!.id)
    .orderBy('id')
    .execute();
};
const stewardId = async () => (await memberRow(box, box.stewardHandle))!.id;

describe('join requests: the list, approving and declining', () => {
  it('lists pending requests, members and the decisions log', async () => {
    await requestToJoin(box, { display_name: 'Rita Request', contact: 'rita@example.org', why_join: 'Local baker' });
    const page = await steward.get('/stewards');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Rita Request');
    expect(page.text).toContain('Local baker');
    expect(page.text).toContain('action="/stewards/members/rita-request/approve"');
    expect(page.text).toContain('action="/stewards/members/rita-request/decline"');
    expect(page.text).toContain('First steward, at setup.');
  });

  it('approves a request', async () => {
    await requestToJoin(box, { display_name: 'Andy Approved', contact: 'andy@example.org' });
    const res = await steward.postForm('/stewards/members/andy-approved/approve', {}, { from: '/stewards' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/stewards');
    expect(await memberRow(box, 'andy-approved')).toMatchObject({ status: 'active' });
    expect(await decisionsOf('andy-approved')).toEqual([
      { decision: 'approved', actor_id: await stewardId(), reason: '', created_at: box.clock.now().toISOString() },
    ]);
    await signedIn(box, 'andy@example.org', 'nell-password-2026');
  });

  it('declines a request only with a reason, and logs who, when and why', async () => {
    await requestToJoin(box, { display_name: 'Dave Declined', contact: 'dave@example.org' });
    const noReason = await steward.postForm(
      '/stewards/members/dave-declined/decline',
      { reason: ' ' },
      { from: '/stewards' },
    );
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Give a reason: it is kept in the decisions log.');
    expect(await memberRow(box, 'dave-declined')).toMatchObject({ status: 'pending' });

    box.clock.advanceMinutes(5);
    const res = await steward.postForm('/stewards/members/dave-declined/decline', {
      reason: 'Nobody here knows <b>Dave</b>.',
    });
    expect(res.status).toBe(303);
    expect(await memberRow(box, 'dave-declined')).toMatchObject({ status: 'declined' });
    expect(await decisionsOf('dave-declined')).toEqual([
      {
        decision: 'declined',
        actor_id: await stewardId(),
        reason: 'Nobody here knows <b>Dave</b>.',
        created_at: box.clock.now().toISOString(),
      },
    ]);
    const page = await steward.get('/stewards');
    expect(page.text).toContain('Nobody here knows &lt;b&gt;Dave&lt;/b&gt;.');
    expect(page.text).toContain('Dave Declined declined');

    const twice = await steward.postForm('/stewards/members/dave-declined/approve', {});
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('Dave Declined is declined, so that cannot be done now.');
  });
});

describe('suspending and reinstating a member', () => {
  it(
    'suspends a member with a reason, ' + 'ending their sessions and nothing else; reinstating lets them back',
    async () => {
      const { member, client } = await signedInMember(box, { displayName: 'Suzy Suspended' });
      await box.database.db.insertInto('member_values').values({ member_id: member.id, value: 'repair' }).execute();
      expect((await client.get('/members/requests')).status).toBe(200);

      const noReason = await steward.postForm(
        `/stewards/members/${member.handle}/suspend`,
        { reason: '' },
        { from: '/stewards' },
      );
      expect(noReason.status).toBe(422);
      const res = await steward.postForm(
        `/stewards/members/${member.handle}/suspend`,
        { reason: 'Spam in the marketplace.' },
        { from: '/stewards' },
      );
      expect(res.status).toBe(303);
      expect(await memberRow(box, member.handle)).toMatchObject({ status: 'suspended' });
      expect(
        await box.database.db.selectFrom('sessions').select('token_hash').where('member_id', '=', member.id).execute(),
      ).toHaveLength(0);
      expect(
        await box.database.db.selectFrom('member_values').select('value').where('member_id', '=', member.id).execute(),
      ).toEqual([{ value: 'repair' }]);
      const after = await client.request('GET', '/members/requests');
      expect(after.status).toBe(302);
      expect(after.headers.get('location')).toContain('/signin');
      expect(
        await box
          .client()
          .postForm('/signin', { account: member.email, password: member.password }, { from: '/signin' }),
      ).not.toMatchObject({ status: 303 });

      const reinstated = await steward.postForm(
        `/stewards/members/${member.handle}/reinstate`,
        {},
        { from: '/stewards' },
      );
      expect(reinstated.status).toBe(303);
      expect(await memberRow(box, member.handle)).toMatchObject({ status: 'active' });
      expect((await decisionsOf(member.handle)).map((d) => [d.decision, d.reason])).toEqual([
        ['suspended', 'Spam in the marketplace.'],
        ['reinstated', ''],
      ]);
      await signedIn(box, member.email, member.password);
    },
  );
});

describe('who may decide: stewards made and unmade, members refused', () => {
  it('makes and unmakes stewards, but never removes the last one', async () => {
    const { member, client } = await signedInMember(box, { displayName: 'Stella Steward' });
    expect((await client.get('/stewards')).status).toBe(403);
    expect(
      (await steward.postForm(`/stewards/members/${member.handle}/make-steward`, {}, { from: '/stewards' })).status,
    ).toBe(303);
    expect(await memberRow(box, member.handle)).toMatchObject({ role: 'steward' });
    expect((await client.get('/stewards')).status).toBe(200);

    expect(
      (await client.postForm(`/stewards/members/${box.stewardHandle}/remove-steward`, {}, { from: '/stewards' }))
        .status,
    ).toBe(303);
    expect(await memberRow(box, box.stewardHandle)).toMatchObject({ role: 'member' });
    const last = await client.postForm(`/stewards/members/${member.handle}/remove-steward`, {}, { from: '/stewards' });
    expect(last.status).toBe(409);
    expect(last.text).toContain('Stella Steward is the last steward: make someone else a steward first.');
    expect(await memberRow(box, member.handle)).toMatchObject({ role: 'steward' });

    expect(
      (await client.postForm(`/stewards/members/${box.stewardHandle}/make-steward`, {}, { from: '/stewards' })).status,
    ).toBe(303);
    expect((await decisionsOf(box.stewardHandle)).map((d) => d.decision)).toEqual([
      'made_steward',
      'steward_removed',
      'made_steward',
    ]);
  });

  it('refuses members (403) and sends visitors to sign in', async () => {
    await requestToJoin(box, { display_name: 'Pete Pending', contact: 'pete@example.org' });
    const { client } = await signedInMember(box);
    for (const path of ['/stewards', '/stewards/places']) {
      expect((await client.get(path)).status).toBe(403);
      const visitor = await box.client().request('GET', path);
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(path)}`);
    }
    await client.get('/members/requests');
    for (const [path, fields] of [
      ['/stewards/members/pete-pending/approve', {}],
      ['/stewards/places', { name: 'Nowhere', lat: '52', lon: '1' }],
    ] as const) {
      expect((await client.postForm(path, fields)).status).toBe(403);
    }
    expect(await memberRow(box, 'pete-pending')).toMatchObject({ status: 'pending' });
    expect(await box.database.db.selectFrom('places').selectAll().execute()).toHaveLength(0);
    expect((await steward.postForm('/stewards/members/pete-pending/promote', {}, { from: '/stewards' })).status).toBe(
      404,
    );
  });
});

describe('the places list and the decisions log', () => {
  it('manages the places list', async () => {
    const added = await steward.postForm(
      '/stewards/places',
      { name: 'Roydon', lat: '52.378', lon: '1.083' },
      { from: '/stewards/places' },
    );
    expect(added.status).toBe(303);
    const duplicate = await steward.postForm(
      '/stewards/places',
      { name: 'Roydon', lat: '52.4', lon: '1.1' },
      { from: '/stewards/places' },
    );
    expect(duplicate.status).toBe(422);
    expect(duplicate.text).toContain('There is already a place with that name.');
    const bad = await steward.postForm('/stewards/places', { name: '<i>Palgrave</i>', lat: '200', lon: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Latitude must be between -90 and 90.');
    expect(bad.text).toContain('value="&lt;i&gt;Palgrave&lt;/i&gt;"');

    const place = await box.database.db.selectFrom('places').selectAll().executeTakeFirstOrThrow();
    const join = await requestToJoin(box, {
      display_name: 'Rosa Roydon',
      contact: 'rosa@example.org',
      place_id: String(place.id),
      lat: '',
      lon: '',
    });
    expect(join.status).toBe(303);
    expect((await steward.get('/stewards/places')).text).toContain('Roydon');
    expect((await steward.postForm(`/stewards/places/${place.id}/delete`, {})).status).toBe(303);
    expect(await box.database.db.selectFrom('places').selectAll().execute()).toHaveLength(0);
    expect(await memberRow(box, 'rosa-roydon')).toMatchObject({ place_id: null, lat: 52.378, lon: 1.083 });
    expect(
      (await steward.postForm(`/stewards/places/${place.id}/delete`, {}, { from: '/stewards/places' })).status,
    ).toBe(404);
  });

  it('shows the latest 20 decisions, and the whole log a page of 50 at a time', async () => {
    const stewardRow = await memberRow(box, box.stewardHandle);
    const subject = await signedInMember(box, { displayName: 'Logan Logged' });
    const before = await box.database.db
      .selectFrom('member_decisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: 60 }, (_, i) => ({
      member_id: subject.member.id,
      actor_id: stewardRow!.id,
      decision: 'reset_link_issued' as const,
      reason: `Logged decision ${i + 1}.`,
      created_at: box.clock.now().toISOString(),
    }));
    await box.database.db.insertInto('member_decisions').values(rows).execute();
    const total = Number(before.n) + 60;
    const entries = (text: string) => [...text.matchAll(/Logged decision (\d+)\./g)].map((m) => Number(m[1]));

    const page = await steward.get('/stewards');
    expect(entries(page.text)).toEqual(Array.from({ length: 20 }, (_, i) => 60 - i));
    expect(page.text).toContain('href="/stewards/decisions"');

    const first = await steward.get('/stewards/decisions');
    expect(first.status).toBe(200);
    expect(entries(first.text)).toEqual(Array.from({ length: 50 }, (_, i) => 60 - i));
    expect(first.text).toContain('href="/stewards/decisions?page=2" rel="next"');
    const second = await steward.get('/stewards/decisions?page=2');
    expect(entries(second.text)).toEqual(Array.from({ length: 10 }, (_, i) => 10 - i));
    expect((second.text.match(/<time datetime=/g) ?? []).length).toBe(total - 50);
    expect(second.text).toContain('href="/stewards/decisions" rel="prev"');
    expect(second.text).not.toContain('rel="next"');
    // Nonsense pages are the first; past the end, an empty page that says so.
    expect(entries((await steward.get('/stewards/decisions?page=abc')).text)).toHaveLength(50);
    expect((await steward.get('/stewards/decisions?page=99')).text).toContain('There are no decisions this far back.');
    expect((await subject.client.get('/stewards/decisions')).status).toBe(403);
  });
});

describe('refused decisions: the address bar, and a steward suspending themselves', () => {
  it(
    'tells htmx to leave the address bar alone when a boosted form is refused, ' +
      'so a reload never asks GET of a POST-only route',
    async () => {
      const boosted = { 'HX-Request': 'true', 'HX-Boosted': 'true' };
      const { member } = await signedInMember(box, { displayName: 'Reload Rhoda' });
      // A refusal the route renders (422), one it re-renders from the domain (409), and one from the error handler
      // (404).
      const noReason = await steward.postForm(
        `/stewards/members/${member.handle}/suspend`,
        { reason: '' },
        { from: '/stewards', headers: boosted },
      );
      expect(noReason.status).toBe(422);
      expect(noReason.text).toContain('<html');
      expect(noReason.response.headers.get('HX-Push-Url')).toBe('false');
      expect(noReason.response.headers.get('HX-Replace-Url')).toBeNull();
      const self = await steward.postForm(
        `/stewards/members/${box.stewardHandle}/suspend`,
        { reason: 'Testing' },
        { from: '/stewards', headers: boosted },
      );
      expect(self.status).toBe(409);
      expect(self.response.headers.get('HX-Push-Url')).toBe('false');
      const nobody = await steward.postForm(
        '/stewards/members/nobody-at-all/approve',
        {},
        { from: '/stewards', headers: boosted },
      );
      expect(nobody.status).toBe(404);
      expect(nobody.response.headers.get('HX-Push-Url')).toBe('false');
      // Not boosted (a plain form, no script), a success (303 to the page), or a GET: nothing to say.
      const plain = await steward.postForm(
        `/stewards/members/${member.handle}/suspend`,
        { reason: '' },
        { from: '/stewards' },
      );
      expect(plain.status).toBe(422);
      expect(plain.response.headers.get('HX-Push-Url')).toBeNull();
      const done = await steward.postForm(
        `/stewards/members/${member.handle}/make-steward`,
        {},
        { from: '/stewards', headers: boosted },
      );
      expect(done.status).toBe(303);
      expect(done.response.headers.get('HX-Push-Url')).toBeNull();
      const missing = await steward.get('/stewards/no-such-page', boosted);
      expect(missing.status).toBe(404);
      expect(missing.response.headers.get('HX-Push-Url')).toBeNull();
    },
  );

  it('does not let a steward suspend themselves', async () => {
    const res = await steward.postForm(
      `/stewards/members/${box.stewardHandle}/suspend`,
      { reason: 'Testing' },
      { from: '/stewards' },
    );
    expect(res.status).toBe(409);
    expect(await memberRow(box, box.stewardHandle)).toMatchObject({ status: 'active' });
  });
});
