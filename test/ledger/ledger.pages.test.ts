import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers/client.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { signedIn, signedInSteward } from '../members/helpers.js';

describe('ledger pages', () => {
  let box: TestBox;
  let alice: HttpClient;
  let bob: HttpClient;
  let steward: HttpClient;
  let aliceHandle: string;
  let bobHandle: string;

  const keyOf = (text: string) => /name="idempotency_key" value="([^"]+)"/.exec(text)![1]!;

  beforeAll(async () => {
    box = await startSetUpBox();
    const a = await addActiveMember(box, { displayName: 'Alice Allotment' });
    const b = await addActiveMember(box, { displayName: 'Bob Baker' });
    aliceHandle = a.handle;
    bobHandle = b.handle;
    alice = await signedIn(box, a.email, a.password);
    bob = await signedIn(box, b.email, b.password);
    steward = await signedInSteward(box);
  });
  afterAll(() => box.close());

  it('finds the other member by name, with htmx (a fragment) and without (the whole form)', async () => {
    const fragment = await alice.get('/ledger/pay?q=Bob&amount=1%3A30', { 'HX-Request': 'true' });
    expect(fragment.text).not.toMatch(/<html/);
    expect(fragment.text).toContain('Bob Baker');
    expect(fragment.text).toContain(`to=${bobHandle}`);
    expect(fragment.text).toContain('amount=1%3A30');
    const page = await alice.get('/ledger/pay?q=Bob');
    expect(page.text).toMatch(/<html/);
    expect(page.text).toContain('Bob Baker');
  });

  it('pays through the form once, even when submitted twice, and shows the transfer', async () => {
    const form = await alice.get(`/ledger/pay?to=${bobHandle}`);
    const fields = { to: bobHandle, currency: 'DHR', amount: '1.5', description: 'Sourdough lessons', idempotency_key: keyOf(form.text) };
    const first = await alice.postForm('/ledger/pay', fields);
    expect(first.status).toBe(303);
    const second = await alice.postForm('/ledger/pay', fields, { from: `/ledger/pay?to=${bobHandle}` });
    expect(second.location).toBe(first.location);
    const shown = await alice.get(first.location!);
    expect(shown.text).toContain('Sourdough lessons');
    expect(shown.text).toContain('1:30 DHR');
    const accounts = await alice.get('/ledger');
    expect(accounts.text).toContain('-1:30');
  });

  it('re-shows the form with the input and a clear message when over the limit (409) or invalid (422)', async () => {
    const over = await alice.postForm('/ledger/pay', { to: bobHandle, currency: 'DHR', amount: '30', description: 'Too much', idempotency_key: 'over-1' }, { from: '/ledger/pay' });
    expect(over.status).toBe(409);
    expect(over.text).toMatch(/limit of -20:00 DHR/);
    expect(over.text).toContain('value="Too much"');
    const bad = await alice.postForm('/ledger/pay', { to: aliceHandle, currency: 'DHR', amount: '1:99', description: '', idempotency_key: 'bad-1' }, { from: '/ledger/pay' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/Description is required/);
  });

  it('requests, shows it waiting, and the payer accepts from the accounts page', async () => {
    const form = await bob.get('/ledger/request');
    const sent = await bob.postForm('/ledger/request', { from: aliceHandle, currency: 'DHR', amount: '0:30', description: 'Two loaves', idempotency_key: keyOf(form.text) });
    expect(sent.status).toBe(303);
    const id = sent.location!.split('/').pop()!;
    const page = await alice.get('/ledger');
    expect(page.text).toContain('Two loaves');
    expect(page.text).toContain(`/ledger/transfers/${id}/accept`);
    const accepted = await alice.postForm(`/ledger/transfers/${id}/accept`, {});
    expect(accepted.status).toBe(303);
    expect((await alice.get(`/ledger/transfers/${id}`)).text).toMatch(/completed/);
  });

  it('shows a statement with the running balance, a date filter and CSV', async () => {
    const statement = await alice.get('/ledger/statement/DHR');
    expect(statement.text).toContain('Sourdough lessons');
    expect(statement.text).toContain('-2:00');
    expect((await alice.get('/ledger/statement/DHR?since=2099-01-01')).text).toMatch(/Nothing in these dates/);
    const csv = await alice.request('GET', '/ledger/statement/DHR/csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('date,kind,with,description,amount,amount_minor,balance,balance_minor,transfer_id');
    expect(lines[2]).toContain(',-120,');
  });

  it('leaves feedback once per party, editable, shown on the transfer and the profile', async () => {
    const recent = await alice.get('/ledger');
    const id = /\/ledger\/transfers\/([0-9a-f-]{36})/.exec(recent.text)![1]!;
    const left = await alice.postForm(`/ledger/transfers/${id}/feedback`, { rating: 'positive', comment: 'Lovely bread' }, { from: `/ledger/transfers/${id}` });
    expect(left.status).toBe(303);
    const edited = await alice.postForm(`/ledger/transfers/${id}/feedback`, { rating: 'neutral', comment: 'Good bread' }, { from: `/ledger/transfers/${id}` });
    expect(edited.status).toBe(303);
    const page = await bob.get(`/ledger/transfers/${id}`);
    expect(page.text).toContain('Good bread');
    expect(page.text).not.toContain('Lovely bread');
    const profile = await alice.get(`/members/${bobHandle}`);
    expect(profile.text).toMatch(/1 neutral/);
    expect(profile.text).toContain('Good bread');
    box.clock.advanceDays(15);
    const late = await alice.postForm(`/ledger/transfers/${id}/feedback`, { rating: 'negative', comment: 'Changed my mind' }, { from: `/ledger/transfers/${id}` });
    expect(late.status).toBe(409);
    expect(late.text).toMatch(/fixed/);
  });

  it('lets a steward see every account and the zero-sum check, change limits and freeze with a reason', async () => {
    expect((await alice.get('/stewards/ledger')).status).toBe(403);
    const page = await steward.get('/stewards/ledger');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/check-ok/);
    expect(page.text).not.toMatch(/check-fail/);
    const accountPath = /href="(\/stewards\/ledger\/accounts\/\d+)"/.exec(page.text)![1]!;
    const limits = await steward.postForm(`${accountPath}/limits`, { lower_limit: '-30:00', upper_limit: '50', reason: 'Runs the bakery' }, { from: accountPath });
    expect(limits.status).toBe(303);
    expect((await steward.get(accountPath)).text).toContain('-30:00 to 50:00');
    const missing = await steward.postForm(`${accountPath}/freeze`, { action: 'freeze', reason: '' }, { from: accountPath });
    expect(missing.status).toBe(422);
    expect((await steward.postForm(`${accountPath}/freeze`, { action: 'freeze', reason: 'Lost phone' }, { from: accountPath })).status).toBe(303);
    expect((await steward.get(accountPath)).text).toContain('Lost phone');
    expect(box.logs.join('\n')).toMatch(/changed the limits of account .*Runs the bakery/);
  });

  it('lets a group admin create a currency; a member without a group cannot', async () => {
    const form = await steward.get('/ledger/currencies/new');
    expect(form.text).toContain('value="community"');
    const created = await steward.postForm('/ledger/currencies/new', { group: 'community', name: 'Repair Credits', code: 'rep', symbol: 'R', counted_in: 'hundredths', lower_limit: '-10', upper_limit: '10', request_days: '14' });
    expect(created.status).toBe(303);
    expect((await steward.get('/ledger/currencies')).text).toContain('Repair Credits');
    const refused = await bob.postForm('/ledger/currencies/new', { group: 'community', name: 'Bob Bucks', code: 'BOB', symbol: 'B', counted_in: 'hundredths', lower_limit: '-10', upper_limit: '10', request_days: '14' }, { from: '/ledger/currencies/new' });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/admin/);
  });

  it('lets the stewards pay from the community fund, which others cannot use', async () => {
    const form = await steward.get('/ledger/pay');
    expect(form.text).toContain('The fund of PlaNet Diss');
    const paid = await steward.postForm('/ledger/pay', { as_group: 'community', to: bobHandle, currency: 'DHR', amount: '1', description: 'Thanks for the bread stall', idempotency_key: 'fund-1' });
    expect(paid.status).toBe(303);
    expect((await steward.get('/ledger')).text).toMatch(/fund of <a href="\/groups\/community">PlaNet Diss/);
    expect((await bob.get(paid.location!)).text).toContain('PlaNet Diss');
    const refused = await bob.postForm('/ledger/pay', { as_group: 'community', to: aliceHandle, currency: 'DHR', amount: '1', description: 'Not mine', idempotency_key: 'fund-2' }, { from: '/ledger/pay' });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/admins can use its fund/);
  });

  it('sends visitors to sign in', async () => {
    for (const path of ['/ledger', '/ledger/pay', '/ledger/statement/DHR', '/stewards/ledger']) {
      const result = await box.client().get(path);
      expect(result.status, path).toBe(302);
    }
  });
});
