import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSetupCode } from '../../src/community/setup-code.js';
import { setUpCommunity } from '../../src/community/setup.js';
import { addActiveMember, DISS, startTestBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { findLeaks, hasUnmarkedLetters } from '../helpers/pseudo-locale.js';
import { OFFER_FORM } from '../listings/helpers.js';
import { renameCurrencies } from './seed.queries.js';

/**
 * Every page in the pseudo-locale `en-XA`: each catalogue sentence and formatted value comes out `⟦…⟧`, and the seed
 * below marks every text a person typed `⟪…⟫`, so any other letters on a page were written past the catalogues.
 *
 * The pages are converted to catalogues folder by folder. `CONVERTED` lists the addresses whose whole page is checked;
 * on every other page only the frame (the layout's header and footer) is. A feature that moves its pages to catalogues
 * adds their addresses here in the same commit (and, if its pages show data the seed lacks, seeds it marked). When
 * every page is converted the list is `[/^\//]`: everything.
 */
const CONVERTED: readonly RegExp[] = [
  /^\/$/, // home
  /^\/account\/language$/,
  /^\/stewards\/language$/,
  // Listings: the search, my listings and a listing's page (its form includes the members' place picker).
  /^\/listings$/,
  /^\/listings\/mine$/,
  /^\/listings\/[0-9a-f-]{36}$/,
  /^\/listings\/new$/, // posting and editing a listing
  /^\/listings\/[0-9a-f-]{36}\/edit$/,
  // groups: the tree, the group form, and a group's own page (with the ledger's fund panel)
  /^\/groups(\/new|\/[^/]+\/edit|\/[^/]+)?$/,
  /^\/stewards\/health$/,
  /^\/ledger(\/|$)/, // the ledger: accounts, paying, transfers, statements, currencies
  /^\/stewards\/ledger(\/|$)/,
  /^\/join(\/sent)?$/, // members
  /^\/members(\/requests|\/[^/]+)?$/, // the directory, join requests, a profile
  /^\/profile$/,
  /^\/invites(\/\d+)?$/,
  /^\/signin$/, // auth
  /^\/account$/,
  /^\/account\/(password|tokens|data)$/, // ... and Your data (its archive's panel is part of it)
  /^\/members\/[^/]+\/reset-link$/,
  /^\/stewards$/, // stewards
  /^\/stewards\/(decisions|places)$/,
  /^\/stewards\/siblings$/, // federation
];

/** Addresses to visit beyond the links followed from the home page: an error page. */
const ALSO_VISIT = ['/no-such-page'];

const mark = (text: string) => `⟪${text}⟫`;
const PASSWORD = 'pseudo-locale-password';

interface Seeded {
  steward: string;
  member: string;
  dataTokens: string[];
}

/** A community whose every typed text is marked: setup, two members, a join request, a listing, a group, a payment. */
async function seed(box: TestBox): Promise<Seeded> {
  const db = box.database.db;
  await ensureSetupCode(db);
  const { stewardHandle } = await setUpCommunity(
    db,
    {
      community_name: mark('PlaNet Diss'),
      region: mark('South Norfolk'),
      lat: DISS.lat,
      lon: DISS.lon,
      vouches_required: 2,
      steward_name: mark('Sam Steward'),
      steward_contact: 'sam@example.org',
      password: PASSWORD,
      about: mark('Growing things together'),
    },
    box.clock.now(),
  );
  // Setup names the first currency after the town's last word; here that word holds the mark's end.
  await renameCurrencies(db, mark('Diss Hours'), mark('h'));
  const alice = await addActiveMember(box, { displayName: mark('Alice Apple'), password: PASSWORD });
  const bob = await addActiveMember(box, {
    displayName: mark('Bob Baker'),
    status: 'pending',
    whyJoin: mark('I bake bread'),
  });
  const client = box.client();
  await client.signIn(alice.email, PASSWORD);
  await postMarkedContent(client, stewardHandle);
  // Alice asks for her archive: "Your data" shows it being made, or ready with its dates.
  const archive = await client.postForm('/account/data/archive', {}, { from: '/account/data' });
  expect(archive.status).toBe(303);
  const steward = box.client();
  await steward.signIn('sam@example.org', PASSWORD);
  await payIntoFund(steward);
  return {
    steward: 'sam@example.org',
    member: alice.email,
    dataTokens: ['DHR', stewardHandle, alice.handle, bob.handle, 'sam@example.org', alice.email, bob.email],
  };
}

/** A member's listing, group and payment to the steward, through the forms, each text marked. */
async function postMarkedContent(client: HttpClient, stewardHandle: string): Promise<void> {
  const listing = await client.postForm(
    '/listings',
    { ...OFFER_FORM, title: mark('Spare seedlings'), description: mark('Tomatoes and courgettes') },
    { from: '/listings/new' },
  );
  expect(listing.status, listing.text.slice(0, 500)).toBe(303);
  const group = await client.postForm(
    '/groups/new',
    {
      name: mark('Repair Café'),
      slug: 'repair-cafe',
      purpose: mark('Fixing things'),
      join_policy: 'open',
      visibility: 'members',
    },
    { from: '/groups/new' },
  );
  expect(group.status, group.text.slice(0, 500)).toBe(303);
  const form = await client.get(`/ledger/pay?to=${stewardHandle}`);
  const payment = await client.postForm('/ledger/pay', {
    to: stewardHandle,
    currency: 'DHR',
    amount: '1:30',
    description: mark('Sourdough lessons'),
    idempotency_key: /name="idempotency_key" value="([^"]+)"/.exec(form.text)?.[1] ?? 'pseudo-1',
  });
  expect(payment.status, payment.text.slice(0, 500)).toBe(303);
  const feedback = await client.postForm(`${payment.location}/feedback`, {
    rating: 'positive',
    comment: mark('Lovely'),
  });
  expect(feedback.status, feedback.text.slice(0, 500)).toBe(303);
}

/** The steward pays into the group's fund and says how it went: feedback about the fund, on the group's page. */
async function payIntoFund(client: HttpClient): Promise<void> {
  const intoFund = await client.postForm(
    '/ledger/pay',
    {
      to: 'group:repair-cafe',
      currency: 'DHR',
      amount: '0:30',
      description: mark('Spare parts'),
      idempotency_key: 'pseudo-2',
    },
    { from: '/ledger/pay' },
  );
  expect(intoFund.status, intoFund.text.slice(0, 500)).toBe(303);
  const feedback = await client.postForm(`${intoFund.location}/feedback`, { rating: 'neutral', comment: mark('Fine') });
  expect(feedback.status, feedback.text.slice(0, 500)).toBe(303);
}

/**
 * Follows every same-box link from the home page (at most 200 pages) and lists, per page, the strings that did not
 * pass through a catalogue.
 */
async function leaksSeenBy(client: HttpClient, dataTokens: string[]): Promise<Record<string, string[]>> {
  const leaks: Record<string, string[]> = {};
  const seen = new Set<string>();
  const queue = ['/', ...ALSO_VISIT];
  while (queue.length > 0 && seen.size < 200) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const page = await client.get(path);
    const location = page.response.headers.get('location');
    if (location?.startsWith('/')) queue.push(location);
    if (!page.response.headers.get('content-type')?.startsWith('text/html')) continue;
    const bare = path.split('?')[0]!;
    // An error page is the frame's own template: checked whole wherever it appears.
    const whole = page.status >= 400 || CONVERTED.some((pattern) => pattern.test(bare));
    const found = findLeaks(page.text, { dataTokens, frameOnly: !whole });
    if (found.length > 0) leaks[`${path} (${page.status})`] = [...new Set(found)];
    for (const match of page.text.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
      const href = match[1]!.replace(/&amp;/g, '&');
      if (!href.startsWith('/assets/') && !seen.has(href)) queue.push(href);
    }
  }
  return leaks;
}

describe('every page in the pseudo-locale', () => {
  let box: TestBox;
  let seeded: Seeded;
  beforeAll(async () => {
    box = await startTestBox({ pseudoLocale: true });
    seeded = await seed(box);
  });
  afterAll(() => box.close());

  it.each(['visitor', 'member', 'steward'] as const)('has no words but the catalogues’ for a %s', async (viewer) => {
    const client = box.client();
    if (viewer !== 'visitor') {
      await client.signIn(viewer === 'member' ? seeded.member : seeded.steward, PASSWORD);
    }
    const switched = await client.postForm('/language', { locale: 'en-XA', back: '/' }, { from: '/' });
    expect(switched.status).toBe(303);
    const home = await client.get('/');
    expect(home.text).toContain('<html lang="en-XA">');
    expect(await leaksSeenBy(client, seeded.dataTokens)).toEqual({});
  });
});

describe('the setup page in the pseudo-locale', () => {
  let box: TestBox;
  let code: string;
  beforeAll(async () => {
    box = await startTestBox({ pseudoLocale: true });
    code = (await ensureSetupCode(box.database.db))!;
  });
  afterAll(() => box.close());

  it('has no words but the catalogues’, and neither has each of its form’s refusals', async () => {
    const client = box.client();
    const switched = await client.postForm('/language', { locale: 'en-XA', back: '/setup' }, { from: '/setup' });
    expect(switched.status).toBe(303);
    const form = await client.get('/setup');
    expect(form.text).toContain('<html lang="en-XA">');
    expect(findLeaks(form.text, {})).toEqual([]);
    const valid = {
      setup_code: code,
      community_name: 'Diss',
      region: 'Norfolk',
      lat: '52.37',
      lon: '1.1',
      vouches_required: '2',
      steward_name: 'Sam',
      steward_contact: 'sam@example.org',
      password: PASSWORD,
      locale: 'en',
    };
    const refusals = [
      // Each field's rule (one error per field)...
      {
        setup_code: '',
        community_name: '',
        region: 'x'.repeat(81),
        lat: 'north',
        lon: '500',
        vouches_required: '0',
        steward_name: '',
        steward_contact: '',
        password: 'short',
        locale: 'de',
      },
      { ...valid, vouches_required: 'two', lat: '91' },
      { ...valid, setup_code: 'NOT-THE-CODE' }, // ...the code...
      { ...valid, steward_contact: 'not a contact' }, // ...and setup's own check.
    ];
    for (const body of refusals) {
      const refused = await client.postForm('/setup', body, { from: '/setup' });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('field-error');
      expect(findLeaks(refused.text, {})).toEqual([]);
    }
  });
});

describe('the leak finder', () => {
  it('finds unmarked words in text and in the attributes people read, not in marked ones', () => {
    const page = `<!doctype html><html lang="en-XA">
      <head><title>⟦Pay⟧ · ⟪Diss⟫</title><script>let x = 'words';</script></head>
      <body><nav aria-label="Main"><a href="/x" class="y">⟦Home⟧</a></nav>
      <main><p>⟦Welcome, ⟪Sam⟫⟧ · 12:30 · @sam-steward</p><input type="submit" value="Send">
      <input name="q" placeholder="⟦Search⟧" value="typed words"><img alt="A photo"><code>12D3KooW</code>
      <p>Diss⟫ Hours</p></main><footer><button>⟦Français⟧</button></footer></body></html>`;
    expect(findLeaks(page, { dataTokens: ['sam-steward'] })).toEqual(['Main', 'Send', 'A photo', 'Diss⟫ Hours']);
    expect(findLeaks(page, { frameOnly: true })).toEqual(['Main']);
    expect(hasUnmarkedLetters('⟦3 days ago⟧ · ⟦1,2 km⟧')).toBe(false);
    expect(hasUnmarkedLetters('3 km')).toBe(true);
  });
});
