import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { insertGroup, putMembership } from '../../src/groups/groups.queries.js';
import { type addActiveMember, DISS, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import sharp from 'sharp';
import { OFFER_FORM, postListingForm, postListingMultipart, startWithAliceBobCarol } from './helpers.js';

type Account = Awaited<ReturnType<typeof addActiveMember>>;

const FORM = OFFER_FORM;

let box: TestBox & { stewardHandle: string };
let alice: Account, bob: Account, carol: Account;
let asAlice: HttpClient, asBob: HttpClient, asCarol: HttpClient, visitor: HttpClient;
let groupId: number;
let bobToken: string;

/** Posts a listing through the form as `client` and returns its id. */
const post = postListingForm;

beforeAll(async () => {
  ({ box, alice, bob, carol, asAlice, asBob, asCarol } = await startWithAliceBobCarol());
  visitor = box.client();
  const db = box.database.db;
  const root = await db.selectFrom('groups').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  groupId = await insertGroup(
    db,
    root.id,
    { name: 'Seed Savers', slug: 'seed-savers', purpose: '', joinPolicy: 'invite', visibility: 'group' },
    alice.id,
    box.clock.now(),
  );
  await putMembership(db, groupId, bob.id, { role: 'member', status: 'active' }, box.clock.now());
  bobToken = await createApiToken(db, bob.id, 'test', box.clock.now());
});
afterAll(() => box.close());

describe('posting and the listing page', () => {
  it('posts an offer, shows it with its distance and age, and never the exact point', async () => {
    const id = await post(asAlice, { title: 'Rhubarb crowns', lat: '52.37913', lon: '1.11187' });
    const page = await asBob.get(`/listings/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Rhubarb crowns');
    expect(page.text).toMatch(/\d+ m from your place|\d\.\d km from your place/);
    expect(page.text).toContain('just now');
    expect(page.text).toContain(`/members/${alice.handle}`);
    expect(page.text).not.toContain('52.37913');
    const api = await box.client().json('GET', `/api/v1/listings/${id}`, undefined, bobToken);
    expect(api.body.listing.location.lat).not.toBe(52.37913);
    expect(Math.abs(api.body.listing.location.lat - 52.37913)).toBeLessThan(0.0015);
    // The author sees their exact point in their own edit form.
    expect((await asAlice.get(`/listings/${id}/edit`)).text).toContain('52.37913');
  });

  it('re-renders the form with the input and a message when a price has no amount', async () => {
    const result = await asAlice.postForm(
      '/listings',
      { ...FORM, title: 'Bike repair', terms: 'price', price_currency: 'DHR' },
      { from: '/listings/new' },
    );
    expect(result.status).toBe(422);
    expect(result.text).toContain('Price is required when the terms are a price.');
    expect(result.text).toContain('value="Bike repair"');
  });

  it('refuses a group the author is not in', async () => {
    const result = await asCarol.postForm(
      '/listings',
      { ...FORM, visibility: `group:${groupId}` },
      { from: '/listings/new' },
    );
    expect(result.status).toBe(422);
    expect(result.text).toContain('one of your groups');
  });
});

describe('visibility', () => {
  let publicId: string, membersId: string, groupOnlyId: string;
  beforeAll(async () => {
    // Each with a photo, so its photo's answer shows who may see it, not that there is none.
    const photo = await sharp({ create: { width: 20, height: 20, channels: 3, background: 'green' } })
      .jpeg()
      .toBuffer();
    const postWithPhoto = async (fields: Partial<typeof FORM>) => {
      const posted = await postListingMultipart(asAlice, '/listings/new', { ...FORM, ...fields }, photo);
      expect(posted.status, posted.text.slice(0, 500)).toBe(303);
      return posted.location!.replace('/listings/', '');
    };
    publicId = await postWithPhoto({ title: 'Zucchini public', visibility: 'public' });
    membersId = await postWithPhoto({ title: 'Zucchini members' });
    groupOnlyId = await postWithPhoto({ title: 'Zucchini group', visibility: `group:${groupId}` });
  });

  const titles = (text: string) =>
    ['Zucchini public', 'Zucchini members', 'Zucchini group'].filter((t) => text.includes(t));

  it('holds on the listing pages', async () => {
    for (const [client, allowed] of [
      [visitor, [publicId]],
      [asCarol, [publicId, membersId]],
      [asBob, [publicId, membersId, groupOnlyId]],
    ] as const) {
      for (const id of [publicId, membersId, groupOnlyId]) {
        const status = (allowed as readonly string[]).includes(id) ? 200 : 404;
        expect((await client.get(`/listings/${id}`)).status).toBe(status);
        expect((await client.get(`/listings/${id}/photo`)).status).toBe(status);
      }
    }
  });

  it('holds in search, the feed and the API', async () => {
    expect(titles((await visitor.get('/listings?q=zucchini&centre=box&radius=any')).text)).toEqual(['Zucchini public']);
    expect(titles((await asCarol.get('/listings?q=zucchini&radius=any')).text)).toEqual([
      'Zucchini public',
      'Zucchini members',
    ]);
    expect(titles((await asBob.get('/listings?q=zucchini&radius=any')).text)).toEqual([
      'Zucchini public',
      'Zucchini members',
      'Zucchini group',
    ]);

    const feed = await visitor.get('/listings/feed.atom');
    expect(feed.response.headers.get('content-type')).toContain('application/atom+xml');
    expect(titles(feed.text)).toEqual(['Zucchini public']);
    expect(feed.text).toMatch(
      new RegExp(`<link rel="alternate" type="text/html" href="${box.url}/listings/[0-9a-f-]{36}"/>`),
    );

    const anonymous = await box.client().json('GET', '/api/v1/listings?q=zucchini');
    expect(anonymous.body.listings.map((l: any) => l.title)).toEqual(['Zucchini public']);
    const asMember = await box.client().json('GET', '/api/v1/listings?q=zucchini', undefined, bobToken);
    expect(asMember.body.listings.map((l: any) => l.title).sort()).toEqual([
      'Zucchini group',
      'Zucchini members',
      'Zucchini public',
    ]);
    const carolToken = await createApiToken(box.database.db, carol.id, 'c', box.clock.now());
    const asOutsider = await box.client().json('GET', `/api/v1/listings/${groupOnlyId}`, undefined, carolToken);
    expect(asOutsider.status).toBe(404);
  });
});

describe('search', () => {
  it('sorts by distance, shows distances, and the results partial alone for htmx with Vary', async () => {
    const near = await post(asAlice, { title: 'Quince jelly near', lat: String(DISS.lat), lon: String(DISS.lon) });
    const far = await post(asAlice, { title: 'Quince jelly far', lat: '52.40', lon: '1.30' });
    const page = await asBob.get(`/listings?q=quince&centre=here&lat=${DISS.lat}&lon=${DISS.lon}&radius=25`);
    expect(page.text.indexOf(near)).toBeLessThan(page.text.indexOf(far));
    expect(page.text).toMatch(/\d+ m away/);
    expect(page.text).toMatch(/1[0-9]\.\d km away/);
    expect(page.text).toContain('<form');
    const partial = await asBob.get('/listings?q=quince&radius=25', { 'HX-Request': 'true' });
    expect(partial.text).not.toContain('<html');
    expect(partial.text).toContain('Quince jelly');
    expect(partial.response.headers.get('vary')).toMatch(/HX-Request.*HX-Boosted.*HX-History-Restore-Request/);
    // Within 2 km of Diss: the far one is left out.
    const close = await asBob.get(`/listings?q=quince&centre=here&lat=${DISS.lat}&lon=${DISS.lon}&radius=2`);
    expect(close.text).toContain(near);
    expect(close.text).not.toContain(far);
  });

  it('searches hostile keywords safely', async () => {
    await post(asAlice, { title: 'Hostile "quotes" (brackets) NEAR star*' });
    const hostile = [
      '"',
      '""',
      "'",
      '*',
      'NEAR',
      'NEAR(a b)',
      '(',
      ')',
      '((',
      'a OR',
      'AND',
      'NOT',
      '-',
      '^',
      ':',
      'title:x',
      '"unbalanced',
      'x'.repeat(10_000),
      '\u0000',
      '💥',
      '"quotes" (brackets)',
      'star*',
    ];
    for (const q of hostile) {
      const page = await asBob.get(`/listings?q=${encodeURIComponent(q)}&radius=any`);
      expect(page.status, q.slice(0, 20)).toBe(200);
      const api = await box.client().json('GET', `/api/v1/listings?q=${encodeURIComponent(q)}`, undefined, bobToken);
      expect(api.status, q.slice(0, 20)).toBe(200);
    }
    const found = await asBob.get(`/listings?q=${encodeURIComponent('"quotes" (brackets) NEAR')}&radius=any`);
    expect(found.text).toContain('Hostile');
    const prefix = await asBob.get('/listings?q=brack&radius=any');
    expect(prefix.text).toContain('Hostile');
  });

  it('pages with Next and Previous links that keep the search', async () => {
    for (let i = 0; i < 22; i++) await post(asAlice, { title: `Pager item ${i}` });
    const first = await asBob.get('/listings?q=pager&radius=any');
    expect(first.text).toContain('rel="next"');
    const next = /href="([^"]+)" rel="next"/.exec(first.text)![1]!.replaceAll('&amp;', '&');
    expect(next).toContain('q=pager');
    const second = await asBob.get(next);
    expect((second.text.match(/Pager item/g) ?? []).length).toBe(2);
  });
});

describe('replies and the lifecycle', () => {
  it(
    'keeps each conversation private, counts new replies in the header, ' +
      'and lets only the author promise and finish',
    async () => {
      const id = await post(asAlice, { title: 'Lawn mower to lend', category: 'tools' });
      const reply = await asBob.postForm(
        `/listings/${id}/replies`,
        { body: 'I could use it on Saturday.' },
        { from: `/listings/${id}` },
      );
      expect(reply.status).toBe(303);
      await asCarol.postForm(`/listings/${id}/replies`, { body: 'Me too, please.' }, { from: `/listings/${id}` });

      const home = await asAlice.get('/');
      expect(home.text).toMatch(/My listings <span class="count"[^>]*>2</);
      const mine = await asAlice.get(`/listings/${id}`);
      expect(mine.text).toContain('Bob Neighbour');
      expect(mine.text).toContain('Carol Outsider');
      // Carol never sees Bob's message.
      expect((await asCarol.get(`/listings/${id}`)).text).not.toContain('Saturday');
      const withBob = await asAlice.get(`/listings/${id}?with=${bob.handle}`);
      expect(withBob.text).toContain('I could use it on Saturday.');
      await asAlice.postForm(
        `/listings/${id}/replies`,
        { body: 'Saturday is fine.', with: bob.handle },
        { from: `/listings/${id}?with=${bob.handle}` },
      );
      expect((await asBob.get('/')).text).toMatch(/class="count"[^>]*>1</);
      expect((await asBob.get(`/listings/${id}`)).text).toContain('Saturday is fine.');

      // Only the author may promise; only to someone who replied.
      expect(
        (await asBob.postForm(`/listings/${id}/promise`, { to: bob.handle }, { from: `/listings/${id}` })).status,
      ).toBe(403);
      expect(
        (await asAlice.postForm(`/listings/${id}/promise`, { to: box.stewardHandle }, { from: `/listings/${id}` }))
          .status,
      ).toBe(422);
      expect(
        (await asAlice.postForm(`/listings/${id}/promise`, { to: bob.handle }, { from: `/listings/${id}` })).status,
      ).toBe(303);
      const promised = await asBob.get(`/listings/${id}`);
      expect(promised.text).toMatch(/Status: <strong>promised<\/strong> to <a href="\/members\/[^"]+">Bob Neighbour/);
      // Promised listings leave the search.
      expect((await asCarol.get('/listings?q=mower&radius=any')).text).not.toContain(id);
      expect((await asBob.postForm(`/listings/${id}/done`, {}, { from: `/listings/${id}` })).status).toBe(403);
      expect((await asAlice.postForm(`/listings/${id}/done`, {}, { from: `/listings/${id}` })).status).toBe(303);
      expect((await asAlice.postForm(`/listings/${id}/withdraw`, {}, { from: `/listings/${id}` })).status).toBe(422);
      expect(
        (await asCarol.postForm(`/listings/${id}/replies`, { body: 'Still there?' }, { from: `/listings/${id}` }))
          .status,
      ).toBe(422);
    },
  );

  it('derives expiry when read (no job has run), and renewing brings a listing back', async () => {
    const id = await post(asAlice, { title: 'Expiring eggs' });
    // Time passes with no job running: only the stored expiry moves into the past.
    const past = new Date(box.clock.now().getTime() - 60_000).toISOString();
    await box.database.db.updateTable('listings').set({ expires_at: past }).where('id', '=', id).execute();
    expect((await asBob.get('/listings?q=expiring&radius=any')).text).not.toContain(id);
    expect((await asAlice.get(`/listings/${id}`)).text).toContain('Status: <strong>expired</strong>');
    expect((await box.client().json('GET', `/api/v1/listings/${id}`, undefined, bobToken)).body.listing.status).toBe(
      'expired',
    );
    expect((await asBob.postForm(`/listings/${id}/renew`, {}, { from: `/listings/${id}` })).status).toBe(403);
    expect((await asAlice.postForm(`/listings/${id}/renew`, {}, { from: `/listings/${id}` })).status).toBe(303);
    expect((await asBob.get('/listings?q=expiring&radius=any')).text).toContain(id);
  });

  it('withdraws from My listings', async () => {
    const id = await post(asAlice, { title: 'Withdrawn walnut' });
    const result = await asAlice.postForm(`/listings/${id}/withdraw?back=mine`, {}, { from: '/listings/mine' });
    expect(result.location).toBe('/listings/mine');
    expect((await asAlice.get('/listings/mine')).text).toMatch(/withdrawn<\/strong>/);
  });
});

describe('API', () => {
  it('creates, changes and withdraws one’s own listing; others may not', async () => {
    const client = box.client();
    const created = await client.json(
      'POST',
      '/api/v1/listings',
      {
        kind: 'want',
        title: 'Ladder',
        category: 'tools',
        terms: 'price',
        price_amount: 30,
        price_currency: 'dhr',
        location: { lat: 52.38, lon: 1.12 },
      },
      bobToken,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const listing = created.body.listing;
    expect(listing).toMatchObject({
      kind: 'want',
      title: 'Ladder',
      terms: { type: 'price', amount: 30, amount_formatted: '0:30', currency: 'DHR' },
      author: { handle: bob.handle },
      status: 'active',
    });
    expect(Object.keys(listing)).toEqual(
      expect.arrayContaining([
        'id',
        'kind',
        'title',
        'description',
        'category',
        'terms',
        'location',
        'distance_m',
        'author',
        'town',
        'status',
        'created_at',
        'expires_at',
        'url',
      ]),
    );
    // The address the request came by, whatever its Origin header.
    expect(listing.url).toBe(`${box.url}/listings/${listing.id}`);

    const patched = await client.json('PATCH', `/api/v1/listings/${listing.id}`, { title: 'Long ladder' }, bobToken);
    expect(patched.body.listing.title).toBe('Long ladder');
    expect(patched.body.listing.terms.amount).toBe(30);
    const aliceToken = await createApiToken(box.database.db, alice.id, 'a', box.clock.now());
    expect(
      (await client.json('PATCH', `/api/v1/listings/${listing.id}`, { title: 'Mine now' }, aliceToken)).status,
    ).toBe(404);
    expect((await client.json('DELETE', `/api/v1/listings/${listing.id}`, undefined, aliceToken)).status).toBe(404);
    expect((await client.json('DELETE', `/api/v1/listings/${listing.id}`)).status).toBe(401);
    expect((await client.json('DELETE', `/api/v1/listings/${listing.id}`, undefined, bobToken)).status).toBe(204);
    expect((await client.json('GET', `/api/v1/listings/${listing.id}`, undefined, bobToken)).body.listing.status).toBe(
      'withdrawn',
    );

    const chosen = crypto.randomUUID();
    expect(
      (
        await client.json(
          'POST',
          `/api/v1/listings/${chosen}`,
          { kind: 'offer', title: 'Chosen id', category: 'other', terms: 'swap' },
          bobToken,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await client.json(
          'POST',
          `/api/v1/listings/${chosen}`,
          { kind: 'offer', title: 'Again', category: 'other', terms: 'swap' },
          bobToken,
        )
      ).status,
    ).toBe(409);
  });

  it('sorts by distance_m measured from the public point', async () => {
    const result = await box
      .client()
      .json('GET', `/api/v1/listings?lat=${DISS.lat}&lon=${DISS.lon}&radius_km=50&limit=100`, undefined, bobToken);
    expect(result.status).toBe(200);
    const distances = result.body.listings.map((l: any) => l.distance_m);
    expect(distances.length).toBeGreaterThan(5);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
  });
});
