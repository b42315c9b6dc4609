import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { hashSecretToken } from '../../src/lib/secret-tokens.js';

const newTokenIn = (html: string) => /id="new-token" type="text" readonly value="([^"]+)"/.exec(html)?.[1];

describe('API tokens on the account page', () => {
  let box: TestBox;
  let member: Awaited<ReturnType<typeof addActiveMember>>;
  let client: HttpClient;
  beforeAll(async () => {
    box = await startSetUpBox();
    member = await addActiveMember(box);
    client = box.client();
    await client.signIn(member.email, member.password);
  });
  afterAll(() => box.close());

  it('links the password and token pages from /account', async () => {
    const page = await client.get('/account');
    expect(page.text).toContain('href="/account/password"');
    expect(page.text).toContain('href="/account/tokens"');
    expect((await box.client().request('GET', '/account')).status).toBe(302);
  });

  it('makes a token, shows it in full once after a redirect, and stores only its hash', async () => {
    const made = await client.postForm('/account/tokens', { name: 'My <b>phone</b>' }, { from: '/account/tokens' });
    expect(made.status).toBe(303);
    expect(made.location).toBe('/account/tokens');
    expect(newTokenIn(made.text)).toBeUndefined();
    const shown = await client.get(made.location!);
    expect(shown.status).toBe(200);
    expect(shown.response.headers.get('cache-control')).toBe('no-store');
    const token = newTokenIn(shown.text)!;
    expect(token).toMatch(/^mcx_[\w-]{43}$/);
    expect(shown.text).toContain('My &lt;b&gt;phone&lt;/b&gt;');
    const stored = await box.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('member_id', '=', member.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(hashSecretToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(box.logs.join('\n')).not.toContain(token);

    // A reload shows the list without the token, and makes no other.
    const later = await client.get('/account/tokens');
    expect(later.text).not.toContain(token);
    expect(later.response.headers.get('cache-control')).toBeNull();
    expect(
      await box.database.db.selectFrom('api_tokens').select('id').where('member_id', '=', member.id).execute(),
    ).toHaveLength(1);
    expect(later.text).toContain('never used');
    expect((await client.json('GET', '/api/v1/me', undefined, token)).status).toBe(200);
    expect((await client.get('/account/tokens')).text).toMatch(/last used <time datetime="2026-11-22T10:00:00.000Z">/);
  });

  it('re-renders the form with the name and a message when the name is missing or too long', async () => {
    const empty = await client.postForm('/account/tokens', { name: '  ' }, { from: '/account/tokens' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Name is required.');
    const long = await client.postForm('/account/tokens', { name: 'x'.repeat(81) });
    expect(long.status).toBe(422);
    expect(long.text).toContain('Name can be at most 80 characters.');
    expect(long.text).toContain(`value="${'x'.repeat(81)}"`);
  });

  it('revokes a token: it disappears from the list and stops working', async () => {
    const made = await client.postForm('/account/tokens', { name: 'Short-lived' }, { from: '/account/tokens' });
    const token = newTokenIn((await client.get(made.location!)).text)!;
    const id = (
      await box.database.db
        .selectFrom('api_tokens')
        .select('id')
        .where('token_hash', '=', hashSecretToken(token))
        .executeTakeFirstOrThrow()
    ).id;
    const revoked = await client.postForm(`/account/tokens/${id}/revoke`, {}, { from: '/account/tokens' });
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe('/account/tokens?done=revoked');
    const page = await client.get(revoked.location!);
    expect(page.text).toContain('The token is revoked');
    expect(page.text).not.toContain('Short-lived');
    const res = await client.json('GET', '/api/v1/me', undefined, token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
    expect((await client.postForm(`/account/tokens/${id}/revoke`, {}, { from: '/account/tokens' })).status).toBe(404);
  });

  it("lets nobody revoke, or see, another member's tokens", async () => {
    const made = await client.postForm('/account/tokens', { name: 'Mine alone' }, { from: '/account/tokens' });
    const other = await addActiveMember(box);
    const otherClient = box.client();
    await otherClient.signIn(other.email, other.password);
    // Not even the new token waiting to be shown once: it is kept for the browser and member that made it.
    const seen = await otherClient.get(made.location!);
    expect(seen.text).not.toContain('Mine alone');
    expect(newTokenIn(seen.text)).toBeUndefined();
    const token = newTokenIn((await client.get(made.location!)).text)!;
    expect(token).toBeDefined();
    const id = (
      await box.database.db
        .selectFrom('api_tokens')
        .select('id')
        .where('token_hash', '=', hashSecretToken(token))
        .executeTakeFirstOrThrow()
    ).id;
    expect((await otherClient.postForm(`/account/tokens/${id}/revoke`, {}, { from: '/account/tokens' })).status).toBe(
      404,
    );
    expect((await otherClient.postForm('/account/tokens/not-a-number/revoke', {})).status).toBe(404);
    expect((await client.json('GET', '/api/v1/me', undefined, token)).status).toBe(200);
    expect((await box.client().postForm(`/account/tokens/${id}/revoke`, {}, { from: '/signin' })).status).toBe(401);
  });
});
