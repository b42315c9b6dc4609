import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { insertGroup } from '../../src/groups/groups.queries.js';
import { insertCurrency } from '../../src/ledger/currencies.queries.js';
import type { HttpClient } from '../helpers/client.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { OFFER_FORM } from '../listings/helpers.js';
import { signedIn } from '../members/helpers.js';

/**
 * A group hidden from a member (issue 12, finding 3) answers exactly as one that does not exist, wherever its slug or
 * its currency's code can be typed: paying as its fund, creating or renaming a group to its slug, a parent's edit page,
 * the currencies page, a statement, the pay form and a listing's price. Alice runs the Open Garden; Dave started the
 * Secret Shed inside it, seen only by its own members, and the Secret Circle at the top, which has a currency (SEC).
 */
let box: TestBox;
let alice: HttpClient, dave: HttpClient;
let aliceToken: string;
let key = 0;

beforeAll(async () => {
  box = await startSetUpBox();
  const db = box.database.db;
  const a = await addActiveMember(box, { displayName: 'Alice Admin' });
  const d = await addActiveMember(box, { displayName: 'Dave Dark' });
  alice = await signedIn(box, a.email, a.password);
  dave = await signedIn(box, d.email, d.password);
  aliceToken = await createApiToken(db, a.id, 'hidden test', box.clock.now());
  const now = box.clock.now();
  const hidden = { purpose: '', joinPolicy: 'invite', visibility: 'group' } as const;
  const garden = await insertGroup(
    db,
    1,
    { name: 'Open Garden', slug: 'open-garden', purpose: '', joinPolicy: 'open', visibility: 'members' },
    a.id,
    now,
  );
  await insertGroup(db, garden, { name: 'Secret Shed', slug: 'secret-shed', ...hidden }, d.id, now);
  const circle = await insertGroup(db, 1, { name: 'Secret Circle', slug: 'secret-circle', ...hidden }, d.id, now);
  await insertCurrency(
    db,
    {
      code: 'SEC',
      name: 'Secret Coins',
      symbol: 's',
      scale: 100,
      groupId: circle,
      defaultLowerLimit: -1000,
      defaultUpperLimit: 1000,
      requestDays: 30,
    },
    d.id,
    now,
  );
});
afterAll(() => box.close());

const apiPay = (fields: Record<string, string>) =>
  box.client().json(
    'POST',
    '/api/v1/payments',
    {
      to: 'group:open-garden',
      currency: 'DHR',
      amount: '1',
      description: 'Seeds',
      idempotency_key: `k${++key}`,
      ...fields,
    },
    aliceToken,
  );

describe('a group hidden from a member, in the ledger', () => {
  it('pays as a hidden group’s fund with the very answer a slug nobody has gets', async () => {
    const hidden = await apiPay({ as_group: 'secret-circle' });
    const missing = await apiPay({ as_group: 'no-such-group' });
    expect(missing.status).toBe(422);
    expect(hidden.status).toBe(missing.status);
    expect(hidden.body).toEqual(missing.body);
    expect(JSON.stringify(hidden.body)).not.toContain('Secret');
  });

  it('treats a hidden group’s currency as a code nobody has, in payments, statements and the pay form', async () => {
    const hidden = await apiPay({ currency: 'SEC', to: 'group:open-garden' });
    const missing = await apiPay({ currency: 'ZZZ', to: 'group:open-garden' });
    expect(missing.status).toBe(422);
    expect(hidden.status).toBe(missing.status);
    expect(hidden.body).toEqual(missing.body);

    const statement = (code: string) =>
      box.client().json('GET', `/api/v1/accounts/${code}/statement`, undefined, aliceToken);
    const [hiddenStatement, missingStatement] = [await statement('SEC'), await statement('ZZZ')];
    expect(missingStatement.status).toBe(404);
    expect(hiddenStatement.status).toBe(404);
    expect(hiddenStatement.body).toEqual(missingStatement.body);

    for (const path of ['/ledger/statement/SEC', '/ledger/statement/SEC/csv']) {
      const page = await alice.get(path);
      expect(page.status, path).toBe(404);
      expect(page.text).not.toContain('Secret');
    }
    expect((await alice.get('/ledger/pay?currency=SEC')).text).not.toContain('Secret Coins');
  });

  it('lists only the currencies of groups the member may see', async () => {
    const page = await alice.get('/ledger/currencies');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Secret Coins');
    expect(page.text).not.toContain('SEC');
    expect((await dave.get('/ledger/currencies')).text).toContain('Secret Coins');
  });

  it('prices a listing in a hidden group’s currency as in a code nobody has', async () => {
    const post = (code: string) =>
      alice.postForm(
        '/listings',
        { ...OFFER_FORM, terms: 'price', price_amount: '2', price_currency: code },
        { from: '/listings/new' },
      );
    const [hidden, missing] = [await post('SEC'), await post('ZZZ')];
    expect(missing.status).toBe(422);
    expect(hidden.status).toBe(422);
    expect(hidden.text).not.toContain('Secret');
    expect(hidden.text.replaceAll('SEC', 'ZZZ').replace(/value="[^"]{20,}"/g, '')).toBe(
      missing.text.replace(/value="[^"]{20,}"/g, ''),
    );
  });
});

describe('a group hidden from a member, creating a currency', () => {
  it('refuses a hidden group’s currency code in the very words any unavailable code gets, naming nothing', async () => {
    const create = (code: string) =>
      alice.postForm(
        '/ledger/currencies/new',
        {
          group: 'open-garden',
          name: 'Garden Tokens',
          code,
          symbol: 'g',
          counted_in: 'hundredths',
          lower_limit: '-10',
          upper_limit: '10',
          request_days: '14',
        },
        { from: '/ledger/currencies/new' },
      );
    // A code a currency she can see has, a code of the world's money, and one only the hidden Secret Circle has.
    const [visible, world, hidden] = [await create('DHR'), await create('EUR'), await create('SEC')];
    for (const refused of [visible, world, hidden]) expect(refused.status).toBe(422);
    expect(hidden.text).toContain('That code cannot be used here: choose another.');
    expect(hidden.text).not.toMatch(/Secret|taken|already/);
    const words = (page: { text: string }, code: string) =>
      page.text.replace(`value="${code}"`, 'value="CODE"').replace(/value="[^"]{20,}"/g, '');
    expect(words(hidden, 'SEC')).toBe(words(world, 'EUR'));
    expect(words(hidden, 'SEC')).toBe(words(visible, 'DHR'));
    expect((await alice.get('/ledger/currencies')).text).not.toContain('Garden Tokens');
  });
});

describe('a group hidden from a member, among groups', () => {
  it('starts a group at a slug a hidden group holds without saying it is taken', async () => {
    const form = '/groups/new?parent=community';
    const fields = {
      name: 'Circle of Friends',
      slug: 'secret-circle',
      purpose: '',
      join_policy: 'open',
      visibility: 'everyone',
    };
    const started = await alice.postForm(form, fields, { from: form });
    expect(started.status, started.text.slice(0, 400)).toBe(303);
    expect(started.location).toMatch(/^\/groups\/secret-circle-\d+$/);
    // Renaming one to it does the same.
    const slug = started.location!.replace('/groups/', '');
    const renamed = await alice.postForm(
      `/groups/${slug}/edit`,
      { ...fields, slug: 'secret-shed' },
      { from: `/groups/${slug}/edit` },
    );
    expect(renamed.status, renamed.text.slice(0, 400)).toBe(303);
    expect(renamed.location).toMatch(/^\/groups\/secret-shed-\d+$/);
    // The hidden groups keep their own addresses.
    expect((await dave.get('/groups/secret-circle')).text).toContain('Secret Circle');
    expect((await dave.get('/groups/secret-shed')).text).toContain('Secret Shed');
  });

  it('does not count a hidden subgroup on its parent’s edit page, and deleting the parent keeps it', async () => {
    const page = await alice.get('/groups/open-garden/edit');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('It cannot be deleted:');
    expect(page.text).not.toMatch(/group(s)? inside/i);
    const deleted = await alice.postForm('/groups/open-garden/delete', {}, { from: '/groups/open-garden/edit' });
    expect(deleted.status, deleted.text.slice(0, 400)).toBe(303);
    expect((await alice.get('/groups/open-garden')).status).toBe(404);
    // The Secret Shed is its members’ still, now in the community itself; still hidden from Alice.
    const shed = await dave.get('/groups/secret-shed');
    expect(shed.status).toBe(200);
    expect(shed.text).toContain('Secret Shed');
    expect((await alice.get('/groups/secret-shed')).status).toBe(404);
  });
});
