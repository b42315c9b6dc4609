import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { startBoxWithSteward } from '../members/helpers.js';

const FR = { 'accept-language': 'fr' };
const resetLinkIn = (html: string) =>
  /id="reset-link" type="text" readonly value="http:\/\/[^/"]+(\/reset\/[\w-]+)"/.exec(html)?.[1];
const newTokenIn = (html: string) => /id="new-token" type="text" readonly value="([^"]+)"/.exec(html)?.[1];

describe('API tokens after a password reset or change', () => {
  let box: TestBox;
  let steward: HttpClient;
  beforeAll(async () => {
    ({ box, steward } = await startBoxWithSteward());
  });
  afterAll(() => box.close());

  async function makeToken(client: HttpClient, name: string): Promise<string> {
    const made = await client.postForm('/account/tokens', { name }, { from: '/account/tokens' });
    expect(made.status).toBe(303);
    return newTokenIn((await client.get(made.location!)).text)!;
  }

  async function issueLink(handle: string): Promise<string> {
    await steward.postForm(`/members/${handle}/reset-link`, {}, { from: `/members/${handle}/reset-link` });
    return resetLinkIn((await steward.get(`/members/${handle}/reset-link`)).text)!;
  }

  it('revokes every API token of the member at a reset, and says so on the sign-in page that follows', async () => {
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(member.email, member.password);
    const phone = await makeToken(client, 'phone');
    const script = await makeToken(client, 'script');
    expect((await client.json('GET', '/api/v1/me', undefined, phone)).status).toBe(200);

    const path = await issueLink(member.handle);
    const holder = box.client();
    const done = await holder.postForm(
      path,
      { new_password: 'taken-back-password', new_password_again: 'taken-back-password' },
      { from: path, headers: FR },
    );
    expect(done.status).toBe(303);
    const signIn = await holder.get(done.location!, FR);
    expect(signIn.text).toContain('Vos 2 jetons d’accès ont aussi été révoqués');
    expect((await holder.get(done.location!)).text).toContain('Your 2 access tokens were revoked too');

    expect((await box.client().json('GET', '/api/v1/me', undefined, phone)).status).toBe(401);
    expect((await box.client().json('GET', '/api/v1/me', undefined, script)).status).toBe(401);
    // Anyone else's page saying "reset done" says nothing about tokens.
    expect((await box.client().get('/signin?reset=done')).text).not.toContain('revoked');
  });

  it('keeps them at a change of password, and says how many still work and where to revoke them', async () => {
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(member.email, member.password);
    const phone = await makeToken(client, 'phone');
    const changed = await client.postForm(
      '/account/password',
      { current_password: member.password, new_password: 'changed-password', new_password_again: 'changed-password' },
      { from: '/account/password' },
    );
    expect(changed.status).toBe(303);
    const page = await client.get(changed.location!);
    expect(page.text).toContain('1 access token still works as you');
    expect(page.text).toMatch(/<a href="\/account\/tokens">See or revoke your tokens<\/a>/);
    expect((await client.get(changed.location!, FR)).text).toContain('1 jeton d’accès fonctionne toujours');
    expect((await box.client().json('GET', '/api/v1/me', undefined, phone)).status).toBe(200);
  });
});
