import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, STEWARD, type TestBox } from '../helpers/box.js';
import { insertDecision } from '../../src/members/members.queries.js';
import { insertVouch } from '../../src/members/vouches.queries.js';

describe('signing in and out', () => {
  let box: TestBox & { stewardHandle: string };
  beforeAll(async () => {
    box = await startSetUpBox({ vouchesRequired: 3 });
  });
  afterAll(() => box.close());

  it(
    'signs in with email and password: an httpOnly, ' +
      'SameSite=Lax session cookie, then the member sees pages as themselves',
    async () => {
      const client = box.client();
      const result = await client.postForm(
        '/signin',
        { account: '  SAM@Example.org ', password: STEWARD.password },
        { from: '/signin' },
      );
      expect(result.status).toBe(303);
      expect(result.location).toBe('/');
      const cookie = result.response.headers.getSetCookie().find((line) => line.startsWith('mc_session='))!;
      expect(cookie).toMatch(/httponly/i);
      expect(cookie).toMatch(/samesite=lax/i);
      expect(cookie).not.toMatch(/secure/i); // the test box is not behind TLS
      const account = await client.get('/account');
      expect(account.status).toBe(200);
      expect(account.text).toContain('Sign out');
    },
  );

  it('signs in with a phone number written any usual way', async () => {
    const member = await addActiveMember(box, { email: null, phone: '+447700900123', password: 'phone-password-1' });
    const client = box.client();
    await client.signIn('07700 900123', member.password);
    expect((await client.get('/account')).status).toBe(200);
  });

  it('returns to the page it came from, but only to a page on this box', async () => {
    const client = box.client();
    const form = await client.get('/signin?next=%2Faccount%2Ftokens');
    expect(form.text).toContain('name="next" value="/account/tokens"');
    const ok = await client.postForm('/signin', {
      account: STEWARD.email,
      password: STEWARD.password,
      next: '/account/tokens',
    });
    expect(ok.location).toBe('/account/tokens');
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'account']) {
      const other = box.client();
      const res = await other.postForm(
        '/signin',
        { account: STEWARD.email, password: STEWARD.password, next },
        { from: '/signin' },
      );
      expect(res.status).toBe(303);
      expect(res.location).toBe('/');
    }
  });

  it('sends a visitor to sign in, and back, when a page needs a member', async () => {
    const res = await box.client().request('GET', '/account/tokens');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?next=%2Faccount%2Ftokens');
  });

  it('says the same for a wrong password and an unknown account, keeping what was typed', async () => {
    const client = box.client();
    const wrong = await client.postForm(
      '/signin',
      { account: STEWARD.email, password: 'not-the-password' },
      { from: '/signin' },
    );
    const unknown = await client.postForm('/signin', { account: 'nobody@example.org', password: 'not-the-password' });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    expect(wrong.text).toContain('That email/phone and password do not match');
    expect(unknown.text).toContain('That email/phone and password do not match');
    expect(wrong.text).toContain(`value="${STEWARD.email}"`);
    expect(unknown.text).toContain('value="nobody@example.org"');
    expect(wrong.text).not.toContain('not-the-password');
    expect(client.cookie('mc_session')).toBeUndefined();
  });

  it('explains missing or malformed fields beside them', async () => {
    const client = box.client();
    const res = await client.postForm('/signin', { account: 'not an address', password: '' }, { from: '/signin' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter the email address or phone number you joined with.');
    expect(res.text).toContain('Password is required.');
    expect(res.text).toContain('value="not an address"');
  });

  it('tells a pending member, once the password is right, how many vouches they still need', async () => {
    const pending = await addActiveMember(box, { status: 'pending' });
    const steward = (
      await box.database.db.selectFrom('members').select('id').where('role', '=', 'steward').executeTakeFirstOrThrow()
    ).id;
    await insertVouch(
      box.database.db,
      { memberId: pending.id, voucherId: steward, relation: 'neighbour', note: '', inviteId: null },
      box.clock.now(),
    );
    const client = box.client();
    const wrong = await client.postForm(
      '/signin',
      { account: pending.email, password: 'a-wrong-password' },
      { from: '/signin' },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.text).not.toContain('join request');
    const right = await client.postForm(
      '/signin',
      { account: pending.email, password: pending.password },
      { from: '/signin' },
    );
    expect(right.status).toBe(403);
    expect(right.text).toContain('Your join request is waiting for 2 more vouches');
    expect(client.cookie('mc_session')).toBeUndefined();
  });

  it('tells a suspended or declined member so, with the reason, and does not sign them in', async () => {
    const suspended = await addActiveMember(box, { status: 'suspended' });
    await insertDecision(
      box.database.db,
      { memberId: suspended.id, actorId: null, decision: 'suspended', reason: 'Selling & spamming' },
      box.clock.now(),
    );
    const declined = await addActiveMember(box, { status: 'declined' });
    const client = box.client();
    const s = await client.postForm(
      '/signin',
      { account: suspended.email, password: suspended.password },
      { from: '/signin' },
    );
    expect(s.status).toBe(403);
    expect(s.text).toContain('Your membership is suspended (Selling &amp; spamming)');
    const d = await client.postForm(
      '/signin',
      { account: declined.email, password: declined.password },
      { from: '/signin' },
    );
    expect(d.status).toBe(403);
    expect(d.text).toContain('Your join request was declined');
    expect(client.cookie('mc_session')).toBeUndefined();
  });

  it('refuses a sign-in without the CSRF token', async () => {
    const client = box.client();
    await client.get('/signin');
    const res = await client.postForm(
      '/signin',
      { account: STEWARD.email, password: STEWARD.password },
      { csrf: null },
    );
    expect(res.status).toBe(403);
    expect(client.cookie('mc_session')).toBeUndefined();
  });

  it('signs out: the old session cookie stops working and the old form token is refused', async () => {
    const client = box.client();
    await client.signIn(STEWARD.email, STEWARD.password);
    const cookie = client.cookie('mc_session')!;
    const page = await client.get('/account');
    const oldToken = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const out = await client.postForm('/signout', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/');
    expect(client.cookie('mc_session')).toBeUndefined();

    const replay = await box.client().request('GET', '/account', { headers: { cookie: `mc_session=${cookie}` } });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toMatch(/^\/signin/);
    // The browser got a new CSRF id, so a form from the signed-in page no longer posts.
    const stale = await client.postForm(
      '/signin',
      { account: STEWARD.email, password: STEWARD.password },
      { csrf: oldToken },
    );
    expect(stale.status).toBe(403);
  });

  it('ends the earlier session when someone else signs in on the same browser', async () => {
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(STEWARD.email, STEWARD.password);
    const stewardCookie = client.cookie('mc_session')!;
    await client.signIn(member.email, member.password);
    const replay = await box
      .client()
      .request('GET', '/account', { headers: { cookie: `mc_session=${stewardCookie}` } });
    expect(replay.status).toBe(302);
  });
});
