import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { profileFields, signedIn } from '../members/helpers.js';
import { ledgerInvariants } from './ledger-db.js';

/* The ledger API, over one box and its people the tests below share in order. */
let box: TestBox;
const people: { handle: string; id: number; token: string; email: string; password: string }[] = [];
let key = 0;

const api = (who: number, method: string, path: string, body?: unknown) =>
  box.client().json(method, `/api/v1${path}`, body, people[who]!.token);
const payment = (from: number, to: number, amount: string | number, extra: Record<string, unknown> = {}) =>
  api(from, 'POST', '/payments', {
    to: people[to]!.handle,
    amount,
    currency: 'DHR',
    description: 'Help with the garden',
    idempotency_key: `api-${++key}`,
    ...extra,
  });

beforeAll(async () => {
  box = await startSetUpBox();
  for (let i = 0; i < 4; i++) {
    const member = await addActiveMember(box);
    people.push({
      handle: member.handle,
      id: member.id,
      email: member.email,
      password: member.password,
      token: await createApiToken(box.database.db, member.id, 'ledger test', box.clock.now()),
    });
  }
});
afterAll(() => box.close());

describe('paying over the API', () => {
  it('pays: 201 with the transfer; the same key answers the same transfer once', async () => {
    const body = {
      to: people[1]!.handle,
      amount: '1:30',
      currency: 'dhr',
      description: 'Bike repair',
      idempotency_key: 'same-key',
    };
    const first = await api(0, 'POST', '/payments', body);
    expect(first.status).toBe(201);
    expect(first.body.transfer).toMatchObject({
      state: 'completed',
      amount: 90,
      amount_formatted: '1:30',
      currency: 'DHR',
      from: { handle: people[0]!.handle },
      to: { handle: people[1]!.handle },
    });
    const again = await api(0, 'POST', '/payments', body);
    expect(again.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.transfer.id).toBe(first.body.transfer.id);
    const accounts = await api(0, 'GET', '/accounts');
    expect(accounts.body.accounts).toEqual([
      expect.objectContaining({
        currency: 'DHR',
        balance: -90,
        balance_formatted: '-1:30',
        lower_limit: -1200,
        available: 1110,
      }),
    ]);
  });

  it('takes an integer of minor units as well as a typed amount', async () => {
    expect((await payment(0, 1, 15)).body.transfer.amount).toBe(15);
  });

  it('answers 409 over a limit with the limit and the available amount', async () => {
    const over = await payment(2, 1, '20:01');
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'over_limit',
      limit: -1200,
      limit_formatted: '-20:00',
      available: 1200,
      available_formatted: '20:00',
      side: 'payer',
    });
    expect(over.body.error.fields.amount).toMatch(/limit/);
  });

  it('answers 422 with the fields for invalid input', async () => {
    const bad = await api(0, 'POST', '/payments', {
      to: people[0]!.handle,
      amount: '1:75',
      currency: 'DHR',
      description: '',
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['description', 'idempotency_key']);
    const self = await payment(0, 0, '1');
    expect(self.status).toBe(422);
    expect(self.body.error.fields.to).toMatch(/yourself/);
    expect((await payment(0, 1, '1:75')).body.error.fields.amount).toMatch(/Amount/);
    expect((await payment(0, 1, 0)).body.error.fields.amount).toMatch(/more than zero/);
    expect((await payment(0, 1, 1.5)).body.error.fields.amount).toMatch(/whole/);
  });
});

describe('requests and statements over the API', () => {
  it('requests: 201 pending; the payer accepts or declines; only the payer', async () => {
    const request = await api(1, 'POST', '/payment-requests', {
      from: people[0]!.handle,
      amount: '0:45',
      currency: 'DHR',
      description: 'Eggs',
      idempotency_key: 'req-1',
    });
    expect(request.status).toBe(201);
    expect(request.body.transfer).toMatchObject({ state: 'pending', kind: 'request' });
    const id = request.body.transfer.id;
    expect((await api(0, 'GET', '/accounts')).body.accounts[0].pending_out).toBe(45);
    expect((await api(1, 'POST', `/transfers/${id}/accept`)).status).toBe(403);
    const accepted = await api(0, 'POST', `/transfers/${id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.transfer.state).toBe('completed');
    expect(accepted.response.headers.get('idempotent-replayed')).toBeNull();
    // A retry after a lost answer: the same decision, answered again, paid once.
    const retried = await api(0, 'POST', `/transfers/${id}/accept`);
    expect(retried.status).toBe(200);
    expect(retried.response.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.transfer).toEqual(accepted.body.transfer);
    expect((await api(0, 'GET', '/accounts')).body.accounts[0]).toMatchObject({ balance: -150, pending_out: 0 });
    expect((await api(0, 'POST', `/transfers/${id}/decline`)).status).toBe(409);
    const second = await api(1, 'POST', '/payment-requests', {
      from: people[0]!.handle,
      amount: 30,
      currency: 'DHR',
      description: 'More eggs',
      idempotency_key: 'req-2',
    });
    expect((await api(0, 'POST', `/transfers/${second.body.transfer.id}/decline`)).body.transfer.state).toBe(
      'declined',
    );
    expect((await api(0, 'POST', '/transfers/not-a-uuid/accept')).status).toBe(404);
  });

  it('gives a statement with the running balance, from a date', async () => {
    const statement = await api(0, 'GET', '/accounts/DHR/statement');
    expect(statement.status).toBe(200);
    const balances = statement.body.entries.map((e: { balance: number }) => e.balance);
    expect(balances).toEqual([-90, -105, -150]);
    expect((await api(0, 'GET', '/accounts/DHR/statement?since=2099-01-01')).body.entries).toEqual([]);
    expect((await api(0, 'GET', '/accounts/DHR/statement?since=yesterday')).status).toBe(422);
    expect((await api(0, 'GET', '/accounts/NOPE/statement')).status).toBe(404);
  });
});

describe('what a payment is for', () => {
  it('names the listing a payment is for, on the API and on the transfer’s page', async () => {
    const listing = await box.client().json(
      'POST',
      '/api/v1/listings',
      {
        kind: 'offer',
        title: 'Bread',
        category: 'food',
        terms: 'price',
        price_amount: '0:05',
        price_currency: 'DHR',
      },
      people[1]!.token,
    );
    expect(listing.status, JSON.stringify(listing.body)).toBe(201);
    const id = listing.body.listing.id as string;
    const paid = await payment(0, 1, '0:05', { listing_id: id });
    expect(paid.status).toBe(201);
    expect(paid.body.transfer.listing_id).toBe(id);
    const seller = await signedIn(box, people[1]!.email, people[1]!.password);
    expect((await seller.get(`/ledger/transfers/${paid.body.transfer.id}`)).text).toContain(
      `<dt>For listing</dt><dd><a href="/listings/${id}">`,
    );
    // The listing's page offers to pay its author for it; the pay form it opens carries the listing and its price.
    const buyer = await signedIn(box, people[0]!.email, people[0]!.password);
    const payLink = new URLSearchParams({
      to: people[1]!.handle,
      listing_id: id,
      description: 'Bread',
      amount: '0:05',
      currency: 'DHR',
    }).toString();
    expect((await buyer.get(`/listings/${id}`)).text).toContain(
      `href="/ledger/pay?${payLink.replaceAll('&', '&amp;')}">Pay ${listing.body.listing.author.name} for this</a>`,
    );
    expect((await seller.get(`/listings/${id}`)).text).not.toContain('for this</a>'); // not to the author
    const form = (await buyer.get(`/ledger/pay?${payLink}`)).text;
    expect(form).toContain(`<input type="hidden" name="listing_id" value="${id}">`);
    expect(form).toContain('value="Bread"');
    expect(form).toContain('name="amount" type="text" value="0:05"');
  });
});

describe('parallel payments, and the API’s manners', () => {
  it('never takes an account past its limit under many parallel payments over HTTP', async () => {
    const payer = 3;
    // 40 payments of one hour, at once, from an account allowed to go 20 hours down.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => payment(payer, i % 2 === 0 ? 1 : 2, '1:00')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(20);
    const account = (await api(payer, 'GET', '/accounts')).body.accounts[0];
    expect(account.balance).toBe(-1200);
    const inv = await ledgerInvariants(box.database.db);
    expect(inv.sums.every((s) => s.balances === 0 && s.entries === 0)).toBe(true);
    expect(inv.outsideLimits + inv.balancesNotEntries + inv.transfersWithoutTheirEntries).toBe(0);
  });

  it('needs a token, and says which methods a path takes', async () => {
    expect((await box.client().json('GET', '/api/v1/accounts')).status).toBe(401);
    expect((await box.client().json('POST', '/api/v1/payments', {})).status).toBe(401);
    const wrongMethod = await api(0, 'DELETE', '/payments');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('method_not_allowed');
  });

  it('names by handle a payee who keeps their name to themselves: answer, transfer, statements, CSV', async () => {
    const quiet = await addActiveMember(box);
    const fields = profileFields({ display_name: 'Quentin Quiet', name_visibility: 'me' });
    const own = await signedIn(box, quiet.email, quiet.password);
    expect((await own.postForm('/profile', fields, { from: '/profile' })).status).toBe(303);
    const paid = await api(0, 'POST', '/payments', {
      to: quiet.handle,
      amount: '0:01',
      currency: 'DHR',
      description: 'Who is this?',
      idempotency_key: `api-${++key}`,
    });
    expect(paid.status).toBe(201);
    expect(paid.body.transfer.to).toEqual({ type: 'member', handle: quiet.handle, name: quiet.handle });
    const statement = await api(0, 'GET', '/accounts/DHR/statement');
    expect(JSON.stringify(statement.body)).not.toContain('Quentin');
    const payer = await signedIn(box, people[0]!.email, people[0]!.password);
    for (const path of [
      `/ledger/transfers/${paid.body.transfer.id}`,
      '/ledger/statement/DHR',
      '/ledger/statement/DHR/csv',
    ])
      expect((await payer.get(path)).text, path).not.toContain('Quentin');
  });
});
