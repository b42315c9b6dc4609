import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { ensureSetupCode } from '../../src/community/setup-code.js';
import { findCommunityLocale, findMemberLocale } from '../../src/i18n/language.queries.js';
import { addActiveMember, startSetUpBox, startTestBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedInSteward } from '../members/helpers.js';

const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

/** Switches the client's language in the footer of `from`. */
async function switchTo(client: HttpClient, locale: string, back = '/', from = '/') {
  return client.postForm('/language', { locale, back }, { from });
}

let box: TestBox & { stewardHandle: string };
beforeAll(async () => {
  box = await startSetUpBox();
});
afterAll(() => box.close());

describe('the language of a page', () => {
  it('follows Accept-Language, with q-values and regional tags, else the community’s default', async () => {
    const client = box.client();
    expect(langOf((await client.get('/')).text)).toBe('en-GB');
    const belgian = await client.get('/', { 'accept-language': 'nl-BE, fr-BE;q=0.9, en;q=0.5' });
    expect(langOf(belgian.text)).toBe('fr');
    expect(belgian.text).toContain('Offres et demandes');
    expect(belgian.text).toContain('Aller au contenu');
    expect(langOf((await client.get('/', { 'accept-language': 'fr;q=0.4, en;q=0.8' })).text)).toBe('en-GB');
  });

  it('says in Vary that the words depend on Accept-Language and the cookie', async () => {
    const page = await box.client().get('/');
    const vary = page.response.headers.get('vary')?.toLowerCase() ?? '';
    expect(vary).toContain('accept-language');
    expect(vary).toContain('cookie');
  });
});

describe('the footer’s language switcher', () => {
  it('takes the footer switcher over the browser, and returns to the page it was on', async () => {
    const client = box.client();
    const listings = await client.get('/listings?q=pain');
    expect(listings.text).toContain('name="back" value="/listings?q=pain"');
    const switched = await switchTo(client, 'fr', '/listings?q=pain', '/listings?q=pain');
    expect(switched.status).toBe(303);
    expect(switched.location).toBe('/listings?q=pain');
    const page = await client.get('/', { 'accept-language': 'en' });
    expect(langOf(page.text)).toBe('fr');
    // The switcher offers the other language, named in itself, and marks the current one.
    expect(page.text).toMatch(/<button[^>]*value="en" lang="en"[^>]*>English<\/button>/);
    expect(page.text).toMatch(/<button[^>]*value="fr" lang="fr" aria-current="true" disabled>Français<\/button>/);
    await switchTo(client, 'en');
    expect(langOf((await client.get('/', { 'accept-language': 'fr' })).text)).toBe('en-GB');
  });

  it('never leads off the box; refuses a switch without the form’s CSRF token or to an unknown language', async () => {
    const client = box.client();
    for (const back of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      '/a\r\nSet-Cookie: x=1',
    ]) {
      const switched = await switchTo(client, 'fr', back);
      expect(switched.status, back).toBe(303);
      expect(switched.location, back).toBe('/');
    }
    const forged = await client.postForm('/language', { locale: 'fr', back: '/' }, { csrf: null });
    expect(forged.status).toBe(403);
    expect((await switchTo(client, 'de')).status).toBe(422);
    // The pseudo-locale is for tests that ask for it, never offered to people.
    expect((await switchTo(client, 'en-XA')).status).toBe(422);
  });
});

describe('a member’s own language', () => {
  it('keeps a member’s own setting on every device, over the cookie and the browser', async () => {
    const member = await addActiveMember(box);
    const phone = box.client();
    await phone.signIn(member.email, member.password);
    const form = await phone.get('/account/language');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/value="" checked/);
    const saved = await phone.postForm('/account/language', { locale: 'fr' });
    expect(saved.location).toBe('/account/language?saved=1');
    expect(await findMemberLocale(box.database.db, member.id)).toBe('fr');

    const laptop = box.client();
    await switchTo(laptop, 'en');
    await laptop.signIn(member.email, member.password);
    expect(langOf((await laptop.get('/', { 'accept-language': 'en' })).text)).toBe('fr');

    // Back to following the browser; then the footer switcher, signed in, stores the choice too.
    await phone.postForm('/account/language', { locale: '' }, { from: '/account/language' });
    expect(await findMemberLocale(box.database.db, member.id)).toBeNull();
    expect(langOf((await phone.get('/', { 'accept-language': 'en' })).text)).toBe('en-GB');
    await switchTo(phone, 'fr');
    expect(await findMemberLocale(box.database.db, member.id)).toBe('fr');
    expect((await phone.postForm('/account/language', { locale: 'xx' }, { from: '/account/language' })).status).toBe(
      422,
    );
    expect((await box.client().get('/account/language')).status).toBe(302);
  });
});

describe('the community’s default language', () => {
  it('lets stewards, and only stewards, change the community’s default', async () => {
    const member = await addActiveMember(box);
    const client = box.client();
    await client.signIn(member.email, member.password);
    expect((await client.get('/stewards/language')).status).toBe(403);
    expect((await client.postForm('/stewards/language', { locale: 'fr' }, { from: '/' })).status).toBe(403);

    const steward = await signedInSteward(box);
    expect((await steward.get('/stewards')).text).toContain('href="/stewards/language"');
    const saved = await steward.postForm('/stewards/language', { locale: 'fr' }, { from: '/stewards/language' });
    expect(saved.location).toBe('/stewards/language?saved=1');
    expect(await findCommunityLocale(box.database.db)).toBe('fr');
    const visitor = box.client();
    expect(langOf((await visitor.get('/')).text)).toBe('fr');
    expect(langOf((await visitor.get('/', { 'accept-language': 'de, *;q=0.5' })).text)).toBe('fr');
    expect(langOf((await visitor.get('/', { 'accept-language': 'en-US' })).text)).toBe('en-GB');
    await steward.postForm('/stewards/language', { locale: 'en' }, { from: '/stewards/language' });
    expect(await findCommunityLocale(box.database.db)).toBe('en');
  });
});

describe('the API’s messages', () => {
  it('answers in the language asked for, or the token’s member’s, keeping English codes', async () => {
    const client = box.client();
    const plain = await client.json('GET', '/api/v1/nothing-here', undefined, undefined);
    expect(plain.body.error).toMatchObject({ code: 'not_found', message: 'There is nothing here.' });
    const asked = await client.request('GET', '/api/v1/nothing-here', {
      headers: { accept: 'application/json', 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    const body = (await asked.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'not_found', message: 'Il n’y a rien ici.' });
    expect(asked.headers.get('vary')?.toLowerCase()).toContain('accept-language');

    const member = await addActiveMember(box);
    const web = box.client();
    await web.signIn(member.email, member.password);
    await web.postForm('/account/language', { locale: 'fr' }, { from: '/account/language' });
    const token = await createApiToken(box.database.db, member.id, 'test', box.clock.now());
    const mine = await client.json('GET', '/api/v1/nothing-here', undefined, token);
    expect(mine.body.error).toMatchObject({ code: 'not_found', message: 'Il n’y a rien ici.' });
  });
});

describe('the community’s language at setup', () => {
  let fresh: TestBox;
  beforeAll(async () => {
    fresh = await startTestBox();
  });
  afterAll(() => fresh.close());

  it('is offered on the setup form, in the language the page is read in, and stored', async () => {
    const code = (await ensureSetupCode(fresh.database.db))!;
    const client = fresh.client();
    const form = await client.get('/setup', { 'accept-language': 'fr-BE' });
    expect(form.text).toMatch(/<option value="fr" selected>Français<\/option>/);
    const made = await client.postForm('/setup', {
      setup_code: code,
      community_name: 'SEL de Namur',
      region: 'Wallonie',
      lat: '50.4669',
      lon: '4.8675',
      vouches_required: '2',
      locale: 'fr',
      steward_name: 'Anne',
      steward_contact: 'anne@example.org',
      password: 'a-long-password-1',
      about: '',
    });
    expect(made.status, made.text.slice(0, 500)).toBe(303);
    expect(await findCommunityLocale(fresh.database.db)).toBe('fr');
    expect(langOf((await fresh.client().get('/')).text)).toBe('fr');
  });
});
