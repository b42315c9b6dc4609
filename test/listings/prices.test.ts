import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { insertGroup } from '../../src/groups/groups.queries.js';
import { insertCurrency } from '../../src/ledger/currencies.queries.js';
import { addActiveMember, DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { OFFER_FORM, postListingForm, storeListing } from './helpers.js';

/** A listing's price is in one of the box's currencies (the ledger's), typed and shown as the ledger does. */

type Account = Awaited<ReturnType<typeof addActiveMember>>;

const FORM = {
  ...OFFER_FORM,
  title: 'Bike repair',
  description: '',
  category: 'services',
  terms: 'price',
  price_amount: '1:30',
  price_currency: 'DHR',
};

let box: TestBox & { stewardHandle: string };
let alice: Account, bob: Account;
let asAlice: HttpClient, asBob: HttpClient;
let aliceToken: string;

async function signedIn(account: Account): Promise<HttpClient> {
  const client = box.client();
  await client.signIn(account.email, account.password);
  return client;
}

const post = (client: HttpClient, fields: Partial<typeof FORM>) => postListingForm(client, { ...FORM, ...fields });

const countListings = async () =>
  (await box.database.db.selectFrom('listings').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
const storedPrice = (id: string) =>
  box.database.db
    .selectFrom('listings')
    .select(['terms', 'price_amount', 'price_currency'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
/** The options of the select named `name` on a page, as value → label. */
function options(html: string, name: string): Record<string, string> {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return Object.fromEntries(
    [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]),
  );
}
/** The address of the link whose text is `label`, unescaped. */
function linkTo(html: string, label: string): string {
  const href = new RegExp(`href="([^"]+)">${label}</a>`).exec(html)?.[1];
  expect(href, `a link "${label}"`).toBeDefined();
  return href!.replaceAll('&amp;', '&');
}

beforeAll(async () => {
  box = await startSetUpBox();
  alice = await addActiveMember(box, { displayName: 'Alice Grower' });
  bob = await addActiveMember(box, { displayName: 'Bob Neighbour' });
  [asAlice, asBob] = await Promise.all([signedIn(alice), signedIn(bob)]);
  const db = box.database.db;
  const now = box.clock.now();
  // A group's own currency, counted in hundredths: Alice is in the group (its admin), Bob is not.
  const root = await db.selectFrom('groups').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const groupId = await insertGroup(
    db,
    root.id,
    { name: 'Seed Savers', slug: 'seed-savers', purpose: '', joinPolicy: 'invite', visibility: 'everyone' },
    alice.id,
    now,
  );
  await insertCurrency(
    db,
    {
      code: 'SEED',
      name: 'Seed Tokens',
      symbol: 'st',
      scale: 100,
      groupId,
      defaultLowerLimit: -3000,
      defaultUpperLimit: 6000,
      requestDays: 14,
    },
    alice.id,
    now,
  );
  aliceToken = await createApiToken(db, alice.id, 'test', now);
});
afterAll(() => box.close());

describe('the listing form', () => {
  it('offers the currencies the author can trade in, as a select with code and name', async () => {
    expect(options((await asAlice.get('/listings/new')).text, 'price_currency')).toEqual({
      DHR: 'Diss Hours (DHR)',
      SEED: 'Seed Tokens (SEED)',
    });
    const bobsForm = (await asBob.get('/listings/new')).text;
    expect(options(bobsForm, 'price_currency')).toEqual({ DHR: 'Diss Hours (DHR)' });
    expect(bobsForm).not.toMatch(/<input[^>]*name="price_currency"/);
  });

  it('takes an amount in hours as the ledger does, stores minutes, and shows and edits it as hours', async () => {
    const id = await post(asAlice, { title: 'Hedge trimming', price_amount: '1:30' });
    expect(await storedPrice(id)).toEqual({ terms: 'price', price_amount: 90, price_currency: 'DHR' });
    expect((await asBob.get(`/listings/${id}`)).text).toContain('1:30 DHR');
    expect((await asBob.get('/listings?q=hedge&radius=any')).text).toContain('1:30 DHR');
    const edit = (await asAlice.get(`/listings/${id}/edit`)).text;
    expect(edit).toMatch(/name="price_amount" type="text" value="1:30"/);
    expect(edit).toMatch(/<option value="DHR" selected>/);
    // "1.5" hours is the same 90 minutes; "1:75" is refused with the ledger's own message, nothing changed.
    const same = await asAlice.postForm(
      `/listings/${id}/edit`,
      { ...FORM, title: 'Hedge trimming', price_amount: '1.5' },
      { from: `/listings/${id}/edit` },
    );
    expect(same.status).toBe(303);
    expect((await storedPrice(id)).price_amount).toBe(90);
    const wrong = await asAlice.postForm(
      `/listings/${id}/edit`,
      { ...FORM, title: 'Hedge trimming', price_amount: '1:75' },
      { from: `/listings/${id}/edit` },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Price: the minutes after the colon run from 00 to 59');
    expect((await storedPrice(id)).price_amount).toBe(90);
  });

  it('takes a currency of hundredths in its own format', async () => {
    const id = await post(asAlice, { title: 'Bean seeds', price_amount: '2.50', price_currency: 'SEED' });
    expect(await storedPrice(id)).toEqual({ terms: 'price', price_amount: 250, price_currency: 'SEED' });
    expect((await asAlice.get(`/listings/${id}`)).text).toContain('2.50 SEED');
  });

  it(
    'refuses an unknown currency, or a group’s currency the author is not in, ' +
      'with a message and the input, storing nothing',
    async () => {
      const before = await countListings();
      const unknown = await asAlice.postForm(
        '/listings',
        { ...FORM, title: 'Mystery price', price_currency: 'NOPE' },
        { from: '/listings/new' },
      );
      expect(unknown.status).toBe(422);
      expect(unknown.text).toContain(
        'There is no currency NOPE here: a price can be in Diss Hours (DHR), Seed Tokens (SEED).',
      );
      expect(unknown.text).toContain('value="Mystery price"');
      expect(unknown.text).toMatch(/<option value="NOPE" selected>NOPE \(not one of your currencies\)<\/option>/);
      const notMine = await asBob.postForm(
        '/listings',
        { ...FORM, title: 'Not my tokens', price_currency: 'SEED' },
        { from: '/listings/new' },
      );
      expect(notMine.status).toBe(422);
      expect(notMine.text).toContain(
        'Seed Tokens (SEED) belongs to a group you are not in: a price can be in Diss Hours (DHR).',
      );
      expect(await countListings()).toBe(before);
    },
  );
});

describe('the API', () => {
  it('takes minor units or a typed amount, answers both, and refuses an unknown currency storing nothing', async () => {
    const client = box.client();
    const body = {
      kind: 'offer',
      title: 'Lawn mowing',
      category: 'services',
      terms: 'price',
      price_amount: '1:30',
      price_currency: 'dhr',
    };
    const typed = await client.json('POST', '/api/v1/listings', body, aliceToken);
    expect(typed.status, JSON.stringify(typed.body)).toBe(201);
    expect(typed.body.listing.terms).toEqual({ type: 'price', amount: 90, amount_formatted: '1:30', currency: 'DHR' });
    const minor = await client.json('POST', '/api/v1/listings', { ...body, price_amount: 45 }, aliceToken);
    expect(minor.body.listing.terms).toEqual({ type: 'price', amount: 45, amount_formatted: '0:45', currency: 'DHR' });
    const id = typed.body.listing.id as string;
    // PATCH sends only what changes: the stored price goes through as it was.
    const renamed = await client.json(
      'PATCH',
      `/api/v1/listings/${id}`,
      { title: 'Lawn mowing and edging' },
      aliceToken,
    );
    expect(renamed.body.listing.terms).toEqual({
      type: 'price',
      amount: 90,
      amount_formatted: '1:30',
      currency: 'DHR',
    });

    const before = await countListings();
    const refused = await client.json('POST', '/api/v1/listings', { ...body, price_currency: 'HOUR' }, aliceToken);
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({
      price_currency: 'There is no currency HOUR here: a price can be in Diss Hours (DHR), Seed Tokens (SEED).',
    });
    expect(await countListings()).toBe(before);
    const patched = await client.json('PATCH', `/api/v1/listings/${id}`, { price_currency: 'HOUR' }, aliceToken);
    expect(patched.status).toBe(422);
    expect(patched.body.error.fields.price_currency).toContain('There is no currency HOUR here');
    expect(await storedPrice(id)).toEqual({ terms: 'price', price_amount: 90, price_currency: 'DHR' });
    const tooMuch = await client.json('POST', '/api/v1/listings', { ...body, price_amount: '20000:00' }, aliceToken);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.fields).toEqual({ price_amount: 'Price must be at most 16666:40.' });
  });
});

describe('paying for a listing', () => {
  it(
    'fills the ledger’s pay form with the price of an offer, ' + 'and its request form with the price of a want',
    async () => {
      const offer = await post(asAlice, { title: 'Sourdough lessons', price_amount: '2:15' });
      const pay = linkTo((await asBob.get(`/listings/${offer}`)).text, 'Pay Alice Grower for this');
      const query = new URL(pay, box.url).searchParams;
      expect(new URL(pay, box.url).pathname).toBe('/ledger/pay');
      expect(Object.fromEntries(query)).toEqual({
        to: alice.handle,
        listing_id: offer,
        description: 'Sourdough lessons',
        amount: '2:15',
        currency: 'DHR',
      });
      const form = (await asBob.get(pay)).text;
      expect(form).toMatch(/name="amount" type="text" value="2:15"/);
      expect(form).toMatch(/<option value="DHR" selected>/);

      const want = await post(asAlice, { kind: 'want', title: 'Ladder for a day', price_amount: '0:30' });
      const ask = new URL(
        linkTo((await asBob.get(`/listings/${want}`)).text, 'Ask Alice Grower to pay you for this'),
        box.url,
      );
      expect(ask.pathname).toBe('/ledger/request');
      expect(Object.fromEntries(ask.searchParams)).toMatchObject({
        from: alice.handle,
        amount: '0:30',
        currency: 'DHR',
      });
    },
  );
});

describe('codes this box does not know', () => {
  it(
    'shows an old free-text price as it is, leaves it out of the pay link, ' +
      'and asks for a currency when it is edited',
    async () => {
      const { id } = await storeListing(box, alice.id, DISS, {
        title: 'Old style price',
        terms: { type: 'price', amount: 90, currency: 'HOUR' },
      });
      const page = (await asBob.get(`/listings/${id}`)).text;
      expect(page).toContain('90 HOUR');
      expect(new URL(linkTo(page, 'Pay Alice Grower for this'), box.url).searchParams.has('amount')).toBe(false);
      const edit = (await asAlice.get(`/listings/${id}/edit`)).text;
      expect(edit).toContain(
        'This listing’s price, 90 HOUR, is in none of this box’s currencies: choose one, and type the price again.',
      );
      expect(edit).toMatch(/<option value="HOUR" selected>HOUR \(not one of your currencies\)<\/option>/);
      expect(edit).toMatch(/name="price_amount" type="text" value=""/);
      const api = await box.client().json('GET', `/api/v1/listings/${id}`, undefined, aliceToken);
      expect(api.body.listing.terms).toEqual({ type: 'price', amount: 90, amount_formatted: null, currency: 'HOUR' });
    },
  );

  it('shows a neighbouring town’s price with its code as it came, in search, on its page and in the API', async () => {
    const db = box.database.db;
    const now = box.clock.now().toISOString();
    await db
      .insertInto('siblings')
      .values({ peer_id: '12D3KooWEyeTestPeer', name: 'Eye', address: '/ip4/127.0.0.1/tcp/4002', added_at: now })
      .execute();
    const id = crypto.randomUUID();
    const lat = DISS.lat + 0.01;
    const lon = DISS.lon + 0.01;
    await db
      .insertInto('remote_listings')
      .values({
        id,
        origin: '12D3KooWEyeTestPeer',
        origin_seq: 1,
        town: 'Eye',
        kind: 'offer',
        title: 'Eye honey',
        description: '',
        category: 'food',
        terms: 'price',
        price_amount: 90,
        price_currency: 'EHR',
        public_lat: lat,
        public_lon: lon,
        public_point: sql`MakePoint(${lon}, ${lat}, 4326)`,
        author_name: null,
        public: 1,
        created_at: now,
        expires_at: new Date(box.clock.now().getTime() + 86_400_000).toISOString(),
        received_at: now,
      })
      .execute();
    const search = await asBob.get('/listings?q=honey&radius=any');
    expect(search.status).toBe(200);
    expect(search.text).toContain('90 EHR');
    const page = await asBob.get(`/listings/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('90 EHR');
    const api = await box.client().json('GET', `/api/v1/listings/${id}`, undefined, aliceToken);
    expect(api.body.listing.terms).toEqual({ type: 'price', amount: 90, amount_formatted: null, currency: 'EHR' });
  });
});

describe('a box with no currency the member can use', () => {
  let bare: TestBox & { stewardHandle: string };
  afterAll(() => bare?.close());

  it('does not offer a price, says why, and refuses one with a message', async () => {
    bare = await startSetUpBox();
    await bare.database.db.deleteFrom('currencies').execute();
    const member = await addActiveMember(bare);
    const client = bare.client();
    await client.signIn(member.email, member.password);
    const form = (await client.get('/listings/new')).text;
    expect(form).not.toContain('value="price"');
    expect(form).not.toContain('name="price_currency"');
    expect(form).toContain('A price needs a community currency, and there is none you can use yet.');
    const refused = await client.postForm('/listings', { ...FORM, title: 'Priced anyway' }, { from: '/listings/new' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      'A price needs a community currency, and there is none you can use yet: choose free, swap or negotiable.',
    );
    expect(await bare.database.db.selectFrom('listings').select('id').execute()).toEqual([]);
  });
});
