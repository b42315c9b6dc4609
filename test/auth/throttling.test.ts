import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findNthLatestFailure } from '../../src/auth/sign-in.queries.js';
import { addActiveMember, startSetUpBox, STEWARD, type TestBox } from '../helpers/box.js';

/** Fails to sign in to `account` `times` times, from a new browser. */
async function failTimes(box: TestBox, account: string, times: number) {
  const client = box.client();
  await client.get('/signin');
  for (let i = 0; i < times; i++) {
    const res = await client.postForm('/signin', { account, password: `wrong-guess-${i}` });
    expect(res.status).toBe(422);
  }
}

/** Each test has its own box: the tests all come from 127.0.0.1, which the address limit counts. */
describe('throttling failed sign-ins', () => {
  let box: TestBox;
  beforeEach(async () => {
    box = await startSetUpBox();
  });
  afterEach(() => box.close());

  it(
    'pauses an account after 5 failures in 15 minutes, ' + 'even for the right password, until the window passes',
    async () => {
      await failTimes(box, STEWARD.email, 5);
      const client = box.client();
      const refused = await client.postForm(
        '/signin',
        { account: STEWARD.email, password: STEWARD.password },
        { from: '/signin' },
      );
      expect(refused.status).toBe(429);
      expect(refused.text).toContain('try again in 15 minutes');
      expect(refused.response.headers.get('retry-after')).toBe('900');
      expect(refused.text).toContain(`value="${STEWARD.email}"`);
      expect(client.cookie('mc_session')).toBeUndefined();

      // Refused attempts do not count, so the pause ends on time however often someone knocks.
      box.clock.advanceMinutes(10);
      expect(
        (await client.postForm('/signin', { account: STEWARD.email, password: 'wrong-again' }, { from: '/signin' }))
          .status,
      ).toBe(429);
      const later = await client.postForm(
        '/signin',
        { account: STEWARD.email, password: STEWARD.password },
        { from: '/signin' },
      );
      expect(later.text).toContain('try again in 5 minutes');

      box.clock.advanceMinutes(5);
      await client.signIn(STEWARD.email, STEWARD.password);
    },
  );

  it('lets no more than 5 guesses through when they arrive all at once', async () => {
    const client = box.client();
    await client.get('/signin');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.postForm('/signin', { account: STEWARD.email, password: `parallel-${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('counts the account however it is written, and leaves other accounts alone', async () => {
    const other = await addActiveMember(box, { email: null, phone: '+447700900555' });
    await failTimes(box, '07700 900555', 3);
    await failTimes(box, '+44 7700 900555', 2);
    expect(
      (
        await box
          .client()
          .postForm('/signin', { account: '+447700900555', password: other.password }, { from: '/signin' })
      ).status,
    ).toBe(429);
    await box.client().signIn(STEWARD.email, STEWARD.password);
  });

  it("forgets an account's failures once it signs in", async () => {
    await failTimes(box, STEWARD.email, 4);
    await box.client().signIn(STEWARD.email, STEWARD.password);
    await failTimes(box, STEWARD.email, 4);
    await box.client().signIn(STEWARD.email, STEWARD.password);
  });

  it('pauses an address after 20 failures in 15 minutes, over any accounts', async () => {
    for (let i = 0; i < 5; i++) await failTimes(box, `guess${i}@example.org`, 4);
    const refused = await box
      .client()
      .postForm('/signin', { account: STEWARD.email, password: STEWARD.password }, { from: '/signin' });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many failed attempts');
    box.clock.advanceMinutes(15);
    await box.client().signIn(STEWARD.email, STEWARD.password);
  });

  it('prunes failures older than a day when new ones come', async () => {
    await failTimes(box, 'old@example.org', 3);
    box.clock.advanceDays(2);
    await failTimes(box, 'new@example.org', 1);
    const rows = await box.database.db.selectFrom('failed_sign_ins').select('account').execute();
    expect(rows.map((r) => r.account)).toEqual(['new@example.org']);
  });
});

/**
 * Behind a reverse proxy (MARKETCROSS_TRUST_PROXY), the client's address is the one the proxy appended to
 * `X-Forwarded-For`: whatever comes before it was written by the client, who could name a new address on every guess.
 */
describe('throttling behind a reverse proxy', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox({ trustProxy: true });
  });
  afterAll(() => box.close());

  let guesses = 0;
  // Each guess names another account: only the address limit (20 in 15 minutes) is in play.
  const failFrom = async (client: ReturnType<TestBox['client']>, forwardedFor: string) => {
    guesses += 1;
    const res = await client.postForm(
      '/signin',
      { account: `someone${guesses}@example.org`, password: 'wrong-guess' },
      { headers: { 'x-forwarded-for': forwardedFor } },
    );
    return res.status;
  };

  it('records a failure against the address the proxy appended, not one the client wrote', async () => {
    const client = box.client();
    await client.get('/signin');
    expect(await failFrom(client, '6.6.6.6, 10.0.0.5')).toBe(422);
    const since = new Date(box.clock.now().getTime() - 60_000);
    expect(await findNthLatestFailure(box.database.db, { address: '10.0.0.5' }, 1, since)).not.toBeNull();
    expect(await findNthLatestFailure(box.database.db, { address: '6.6.6.6' }, 1, since)).toBeNull();
  });

  it('pauses that address however the client varies what it writes before it', async () => {
    const client = box.client();
    await client.get('/signin');
    for (let i = 0; i < 20; i++) await failFrom(client, `6.6.${i}.6, 10.0.0.7`);
    expect(await failFrom(client, '7.7.7.7, 10.0.0.7')).toBe(429);
    expect(await failFrom(client, '7.7.7.7, 10.0.0.8')).toBe(422);
  });
});

/** A wrong current password on `/account/password` is a guess like a failed sign-in, and counted with them. */
describe('throttling wrong current passwords', () => {
  let box: TestBox;
  beforeEach(async () => {
    box = await startSetUpBox();
  });
  afterEach(() => box.close());

  const change = (client: ReturnType<TestBox['client']>, current: string, to = 'a-brand-new-password') =>
    client.postForm(
      '/account/password',
      { current_password: current, new_password: to, new_password_again: to },
      { from: '/account/password' },
    );

  it('pauses changing the password after 5 wrong ones, even for the right one, until the window passes', async () => {
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(member.email, member.password);
    for (let i = 0; i < 5; i++) expect((await change(client, `wrong-guess-${i}`)).status).toBe(422);

    const refused = await change(client, member.password);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many wrong passwords for this account');
    expect(refused.text).toContain('try again in 15 minutes');
    expect(refused.response.headers.get('retry-after')).toBe('900');
    // Signing in is paused for the account too: the guesser gets no more tries through the other form.
    expect(
      (
        await box
          .client()
          .postForm('/signin', { account: member.email, password: member.password }, { from: '/signin' })
      ).status,
    ).toBe(429);

    box.clock.advanceMinutes(15);
    const changed = await change(client, member.password);
    expect(changed.status).toBe(303);
    await box.client().signIn(member.email, 'a-brand-new-password');
  });

  it('counts failed sign-ins and wrong current passwords together, per account', async () => {
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(member.email, member.password);
    await failTimes(box, member.email, 3);
    expect((await change(client, 'wrong-guess-a')).status).toBe(422);
    expect((await change(client, 'wrong-guess-b')).status).toBe(422);
    expect((await change(client, member.password)).status).toBe(429);
  });

  it('pauses an address after 20 failures, whichever accounts and forms they came through', async () => {
    for (let i = 0; i < 4; i++) await failTimes(box, `guess${i}@example.org`, 4);
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(member.email, member.password);
    for (let i = 0; i < 4; i++) expect((await change(client, `wrong-guess-${i}`)).status).toBe(422);
    expect((await change(client, member.password)).status).toBe(429);
  });
});
