import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, STEWARD, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { startBoxWithSteward } from '../members/helpers.js';

const resetLinkIn = (html: string) =>
  /id="reset-link" type="text" readonly value="(http:\/\/[^"]+\/reset\/[\w-]+)"/.exec(html)?.[1];

describe('changing a password', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox();
  });
  afterAll(() => box.close());

  it('refuses a wrong current password or two different new ones, at 422', async () => {
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(member.email, member.password);
    const wrong = await client.postForm(
      '/account/password',
      { current_password: 'not-my-password', new_password: 'a-new-password-1', new_password_again: 'a-new-password-1' },
      { from: '/account/password' },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('That is not your current password.');
    const different = await client.postForm('/account/password', {
      current_password: member.password,
      new_password: 'a-new-password-1',
      new_password_again: 'a-new-password-2',
    });
    expect(different.status).toBe(422);
    expect(different.text).toContain('The two new passwords are not the same.');
    const short = await client.postForm('/account/password', {
      current_password: member.password,
      new_password: 'short',
      new_password_again: 'short',
    });
    expect(short.status).toBe(422);
    expect(short.text).toContain('New password must be at least 10 characters.');
    // Nothing changed: the old password still works.
    await box.client().signIn(member.email, member.password);
  });

  it('changes it, keeps this session, ends every other one, and says so', async () => {
    const member = await addActiveMember(box);
    const here = box.client();
    const elsewhere = box.client();
    await here.signIn(member.email, member.password);
    await elsewhere.signIn(member.email, member.password);
    const res = await here.postForm(
      '/account/password',
      {
        current_password: member.password,
        new_password: 'brand-new-password',
        new_password_again: 'brand-new-password',
      },
      { from: '/account/password' },
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe('/account?done=password');
    const confirmation = await here.get(res.location!);
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain('Your password is changed.');
    expect((await elsewhere.request('GET', '/account')).status).toBe(302);

    const old = await box
      .client()
      .postForm('/signin', { account: member.email, password: member.password }, { from: '/signin' });
    expect(old.status).toBe(422);
    await box.client().signIn(member.email, 'brand-new-password');
  });

  it('needs a signed-in member and the CSRF token', async () => {
    const visitor = box.client();
    expect((await visitor.request('GET', '/account/password')).status).toBe(302);
    const res = await visitor.postForm(
      '/account/password',
      { current_password: 'x', new_password: 'y', new_password_again: 'y' },
      { from: '/signin' },
    );
    expect(res.status).toBe(401);
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(member.email, member.password);
    const noToken = await client.postForm(
      '/account/password',
      {
        current_password: member.password,
        new_password: 'brand-new-password',
        new_password_again: 'brand-new-password',
      },
      { csrf: null },
    );
    expect(noToken.status).toBe(403);
  });
});

describe('one-time reset links', () => {
  let box: TestBox;
  let steward: HttpClient;
  beforeAll(async () => {
    ({ box, steward } = await startBoxWithSteward());
  });
  afterAll(() => box.close());

  async function issueLink(handle: string): Promise<string> {
    const page = await steward.get(`/members/${handle}/reset-link`);
    expect(page.status).toBe(200);
    const res = await steward.postForm(`/members/${handle}/reset-link`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/members/${handle}/reset-link`);
    expect(resetLinkIn(res.text)).toBeUndefined();
    const shown = await steward.get(res.location!);
    expect(shown.status).toBe(200);
    expect(shown.response.headers.get('cache-control')).toBe('no-store');
    const link = resetLinkIn(shown.text);
    expect(link).toBeDefined();
    return new URL(link!).pathname;
  }

  it('shows a new link once, to the steward who made it, and a reload makes no other', async () => {
    const member = await addActiveMember(box);
    const res = await steward.postForm(
      `/members/${member.handle}/reset-link`,
      {},
      { from: `/members/${member.handle}/reset-link` },
    );
    expect(res.status).toBe(303);
    // Another steward (or the same steward in another browser) sees the form, not the link.
    const otherSteward = box.client();
    await otherSteward.signIn(STEWARD.email, STEWARD.password);
    const elsewhere = await otherSteward.get(res.location!);
    expect(elsewhere.status).toBe(200);
    expect(resetLinkIn(elsewhere.text)).toBeUndefined();

    const link = resetLinkIn((await steward.get(res.location!)).text)!;
    const token = new URL(link).pathname.split('/').pop()!;
    expect(box.logs.join('\n')).not.toContain(token);
    const reload = await steward.get(res.location!);
    expect(reload.status).toBe(200);
    expect(reload.text).not.toContain(token);
    expect(reload.text).toContain('Make a reset link');
    expect(
      await box.database.db
        .selectFrom('password_resets')
        .select('token_hash')
        .where('member_id', '=', member.id)
        .execute(),
    ).toHaveLength(1);
    expect(
      await box.database.db.selectFrom('member_decisions').select('id').where('member_id', '=', member.id).execute(),
    ).toHaveLength(1);
    expect((await box.client().get(new URL(link).pathname)).status).toBe(200); // and the link works
  });

  it('lets only a steward make one, logs the decision, and stores only the hash', async () => {
    const member = await addActiveMember(box);
    const other = await addActiveMember(box);
    const client = box.client();
    await client.signIn(other.email, other.password);
    expect((await client.get(`/members/${member.handle}/reset-link`)).status).toBe(403);
    expect((await client.postForm(`/members/${member.handle}/reset-link`, {})).status).toBe(403);
    expect((await steward.get('/members/no-such-member/reset-link')).status).toBe(404);

    const path = await issueLink(member.handle);
    const token = path.split('/').pop()!;
    const stored = await box.database.db
      .selectFrom('password_resets')
      .selectAll()
      .where('member_id', '=', member.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    expect(stored[0]!.expires_at).toBe(new Date(box.clock.now().getTime() + 24 * 3600_000).toISOString());
    const decision = await box.database.db
      .selectFrom('member_decisions')
      .selectAll()
      .where('member_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(decision.decision).toBe('reset_link_issued');
    const stewardId = (
      await box.database.db.selectFrom('members').select('id').where('role', '=', 'steward').executeTakeFirstOrThrow()
    ).id;
    expect(decision.actor_id).toBe(stewardId);
    expect(box.logs.join('\n')).not.toContain(token);
  });

  it("sets a new password once, ends the member's sessions, and sends them to sign in", async () => {
    const member = await addActiveMember(box);
    const signedIn = box.client();
    await signedIn.signIn(member.email, member.password);
    const path = await issueLink(member.handle);

    const holder = box.client();
    const form = await holder.get(path);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/For <strong>Member \d+<\/strong>/);
    expect(form.response.headers.get('cache-control')).toBe('no-store');
    const mismatch = await holder.postForm(path, {
      new_password: 'reset-password-1',
      new_password_again: 'reset-password-2',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('The two new passwords are not the same.');
    const done = await holder.postForm(path, {
      new_password: 'reset-password-1',
      new_password_again: 'reset-password-1',
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/signin?reset=done');
    expect((await holder.get(done.location!)).text).toContain('Your new password is set.');

    expect((await signedIn.request('GET', '/account')).status).toBe(302);
    await box.client().signIn(member.email, 'reset-password-1');

    const again = await holder.get(path);
    expect(again.status).toBe(404);
    expect(again.text).toContain('expired or has already been used');
    const reuse = await holder.postForm(
      path,
      { new_password: 'reset-password-3', new_password_again: 'reset-password-3' },
      { from: '/signin' },
    );
    expect(reuse.status).toBe(404);
    await box.client().signIn(member.email, 'reset-password-1');
  });

  it('stops working after 24 hours, and when a newer link is made', async () => {
    const member = await addActiveMember(box);
    const first = await issueLink(member.handle);
    const second = await issueLink(member.handle);
    const client = box.client();
    expect((await client.get(first)).status).toBe(404);
    expect((await client.get(second)).status).toBe(200);
    box.clock.advanceMinutes(24 * 60 - 1);
    expect((await client.get(second)).status).toBe(200);
    box.clock.advanceMinutes(1);
    expect((await client.get(second)).status).toBe(404);
    const late = await client.postForm(
      second,
      { new_password: 'too-late-password', new_password_again: 'too-late-password' },
      { from: '/signin' },
    );
    expect(late.status).toBe(404);
    await box.client().signIn(member.email, member.password);
  });

  it('lifts a sign-in pause for the member whose password it sets', async () => {
    const member = await addActiveMember(box);
    const guesser = box.client();
    await guesser.get('/signin');
    for (let i = 0; i < 5; i++) await guesser.postForm('/signin', { account: member.email, password: `guess-${i}` });
    const path = await issueLink(member.handle);
    await box
      .client()
      .postForm(path, { new_password: 'after-a-pause', new_password_again: 'after-a-pause' }, { from: path });
    await box.client().signIn(member.email, 'after-a-pause');
  });
});
