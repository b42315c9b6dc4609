import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount } from '../../src/ledger/amounts.js';
import type { HttpClient } from '../helpers/client.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { signedIn, signedInSteward } from '../members/helpers.js';

describe('ledger pages', () => {
  let box: TestBox & { stewardHandle: string };
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
    const fields = {
      to: bobHandle,
      currency: 'DHR',
      amount: '1.5',
      description: 'Sourdough lessons',
      idempotency_key: keyOf(form.text),
    };
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
    const over = await alice.postForm(
      '/ledger/pay',
      { to: bobHandle, currency: 'DHR', amount: '30', description: 'Too much', idempotency_key: 'over-1' },
      { from: '/ledger/pay' },
    );
    expect(over.status).toBe(409);
    expect(over.text).toMatch(/limit of -20:00 DHR/);
    expect(over.text).toContain('value="Too much"');
    const bad = await alice.postForm(
      '/ledger/pay',
      { to: aliceHandle, currency: 'DHR', amount: '1:99', description: '', idempotency_key: 'bad-1' },
      { from: '/ledger/pay' },
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/Description is required/);
  });

  it('requests, shows it waiting, and the payer accepts from the accounts page', async () => {
    const form = await bob.get('/ledger/request');
    const sent = await bob.postForm('/ledger/request', {
      from: aliceHandle,
      currency: 'DHR',
      amount: '0:30',
      description: 'Two loaves',
      idempotency_key: keyOf(form.text),
    });
    expect(sent.status).toBe(303);
    const id = sent.location!.split('/').pop()!;
    const page = await alice.get('/ledger');
    expect(page.text).toContain('Two loaves');
    expect(page.text).toContain(`/ledger/transfers/${id}/accept`);
    const accepted = await alice.postForm(`/ledger/transfers/${id}/accept`, {});
    expect(accepted.status).toBe(303);
    // A double click sends it twice: the second answers the same decision, and pays nothing more.
    const again = await alice.postForm(`/ledger/transfers/${id}/accept`, {}, { from: '/ledger' });
    expect(again.status).toBe(303);
    expect(again.location).toBe(accepted.location);
    expect(
      await box.database.db.selectFrom('entries').select('id').where('transfer_id', '=', id).execute(),
    ).toHaveLength(2);
    expect((await alice.get(`/ledger/transfers/${id}`)).text).toMatch(/completed/);
  });

  it('shows a statement with the running balance, a date filter and CSV', async () => {
    const statement = await alice.get('/ledger/statement/DHR');
    expect(statement.text).toContain('Sourdough lessons');
    expect(statement.text).toContain('-2:00');
    expect(statement.text).toMatch(/<th scope="col">Balance<\/th>/);
    expect(statement.text).toMatch(/-0:30<\/td>\s*<td>-2:00<\/td>/);
    expect((await alice.get('/ledger/statement/DHR?since=2099-01-01')).text).toMatch(/Nothing in these dates/);
    // A date typed where the browser has no date picker, and not understood: the page says so, and shows everything.
    const typed = await alice.get('/ledger/statement/DHR?since=last+week&until=2026-02-30');
    expect(typed.status).toBe(200);
    expect(typed.text).toContain('“From” must be a date such as 2026-11-01');
    expect(typed.text).toContain('“To” must be a date such as 2026-11-30');
    expect(typed.text).toContain('Sourdough lessons');
    const csv = await alice.request('GET', '/ledger/statement/DHR/csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('date,kind,with,description,amount,amount_minor,balance,balance_minor,transfer_id');
    expect(lines[2]).toContain(',-120,');
  });

  it('leaves feedback once per party, editable, shown on the transfer and the profile', async () => {
    const recent = await alice.get('/ledger');
    const id = /\/ledger\/transfers\/([0-9a-f-]{36})/.exec(recent.text)![1]!;
    const left = await alice.postForm(
      `/ledger/transfers/${id}/feedback`,
      { rating: 'positive', comment: 'Lovely bread' },
      { from: `/ledger/transfers/${id}` },
    );
    expect(left.status).toBe(303);
    const edited = await alice.postForm(
      `/ledger/transfers/${id}/feedback`,
      { rating: 'neutral', comment: 'Good bread' },
      { from: `/ledger/transfers/${id}` },
    );
    expect(edited.status).toBe(303);
    const page = await bob.get(`/ledger/transfers/${id}`);
    expect(page.text).toContain('Good bread');
    expect(page.text).not.toContain('Lovely bread');
    const profile = await alice.get(`/members/${bobHandle}`);
    expect(profile.text).toMatch(/1 neutral/);
    expect(profile.text).toContain('Good bread');
    box.clock.advanceDays(15);
    // Sent as htmx sends a boosted form: the refusal shows the transfer, and the address bar is to go there (not to the
    // POST's action, which has no page).
    const late = await alice.postForm(
      `/ledger/transfers/${id}/feedback`,
      { rating: 'negative', comment: 'Changed my mind' },
      { from: `/ledger/transfers/${id}`, headers: { 'HX-Request': 'true', 'HX-Boosted': 'true' } },
    );
    expect(late.status).toBe(409);
    expect(late.text).toMatch(/fixed/);
    expect(late.response.headers.get('HX-Replace-Url')).toBe(`/ledger/transfers/${id}`);
    expect(late.response.headers.get('HX-Push-Url')).toBeNull();
  });

  it('lets a steward see every account and the zero-sum check, change limits and freeze with a reason', async () => {
    expect((await alice.get('/stewards/ledger')).status).toBe(403);
    const page = await steward.get('/stewards/ledger');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/check-ok/);
    expect(page.text).not.toMatch(/check-fail/);
    const accountPath = /href="(\/stewards\/ledger\/accounts\/\d+)"/.exec(page.text)![1]!;
    const limits = await steward.postForm(
      `${accountPath}/limits`,
      { lower_limit: '-30:00', upper_limit: '50', reason: 'Runs the bakery' },
      { from: accountPath },
    );
    expect(limits.status).toBe(303);
    expect((await steward.get(accountPath)).text).toContain('-30:00 to 50:00');
    const missing = await steward.postForm(
      `${accountPath}/freeze`,
      { action: 'freeze', reason: '' },
      { from: accountPath, headers: { 'HX-Request': 'true', 'HX-Boosted': 'true' } },
    );
    expect(missing.status).toBe(422);
    expect(missing.response.headers.get('HX-Replace-Url')).toBe(accountPath);
    expect(
      (
        await steward.postForm(
          `${accountPath}/freeze`,
          { action: 'freeze', reason: 'Lost phone' },
          { from: accountPath },
        )
      ).status,
    ).toBe(303);
    expect((await steward.get(accountPath)).text).toContain('Lost phone');
    // Each form sent twice (a double click) changes and logs once, and says nothing is wrong.
    expect(
      (
        await steward.postForm(
          `${accountPath}/freeze`,
          { action: 'freeze', reason: 'Lost phone' },
          { from: accountPath },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await steward.postForm(
          `${accountPath}/limits`,
          { lower_limit: '-30:00', upper_limit: '50', reason: 'Runs the bakery' },
          { from: accountPath },
        )
      ).status,
    ).toBe(303);
    const accountId = Number(accountPath.split('/').pop());
    expect(
      await box.database.db
        .selectFrom('account_changes')
        .select(['change', 'reason'])
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute(),
    ).toEqual([
      { change: 'limits', reason: 'Runs the bakery' },
      { change: 'freeze', reason: 'Lost phone' },
    ]);
    // Frozen already, by someone else's reason: that is a mistake worth saying.
    const again = await steward.postForm(
      `${accountPath}/freeze`,
      { action: 'freeze', reason: 'Another reason' },
      { from: accountPath },
    );
    expect(again.status).toBe(409);
    expect(again.text).toContain('already frozen');
    expect(box.logs.join('\n')).toMatch(/changed the limits of account .*Runs the bakery/);
  });

  it('lets a group admin create a currency; a member without a group cannot', async () => {
    const form = await steward.get('/ledger/currencies/new');
    expect(form.text).toContain('value="community"');
    const created = await steward.postForm('/ledger/currencies/new', {
      group: 'community',
      name: 'Repair Credits',
      code: 'rep',
      symbol: 'R',
      counted_in: 'hundredths',
      lower_limit: '-10',
      upper_limit: '10',
      request_days: '14',
    });
    expect(created.status).toBe(303);
    const twice = await steward.postForm(
      '/ledger/currencies/new',
      {
        group: 'community',
        name: 'Repair Credits',
        code: 'rep',
        symbol: 'R',
        counted_in: 'hundredths',
        lower_limit: '-10',
        upper_limit: '10',
        request_days: '14',
      },
      { from: '/ledger/currencies/new' },
    );
    expect(twice.location).toBe(created.location);
    expect((await steward.get('/ledger/currencies')).text.match(/Repair Credits/g)).toHaveLength(1);
    const refused = await bob.postForm(
      '/ledger/currencies/new',
      {
        group: 'community',
        name: 'Bob Bucks',
        code: 'BOB',
        symbol: 'B',
        counted_in: 'hundredths',
        lower_limit: '-10',
        upper_limit: '10',
        request_days: '14',
      },
      { from: '/ledger/currencies/new' },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/admin/);
  });

  it('offers on the pay form only the currencies one may use, keeping one a link asks for so the amount is never read in another', async () => {
    const made = await bob.postForm(
      '/groups/new',
      { name: 'Bakers', slug: 'bakers', purpose: 'Bread', join_policy: 'open', visibility: 'members' },
      { from: '/groups/new' },
    );
    expect(made.status).toBe(303);
    const currency = await bob.postForm('/ledger/currencies/new', {
      group: 'bakers',
      name: 'Loaves',
      code: 'LOAF',
      symbol: 'L',
      counted_in: 'hundredths',
      lower_limit: '-10',
      upper_limit: '10',
      request_days: '7',
    });
    expect(currency.status).toBe(303);
    const option = /<option value="LOAF"/;
    expect((await bob.get('/ledger/pay')).text).toMatch(option);
    expect((await alice.get('/ledger/request')).text).not.toMatch(option);
    const asked = await alice.get(`/ledger/pay?to=${bobHandle}&currency=LOAF&amount=2`);
    expect(asked.text).toMatch(/<option value="LOAF"[^>]* selected/);
    const refused = await alice.postForm(
      '/ledger/pay',
      { to: bobHandle, currency: 'LOAF', amount: '2', description: 'A loaf', idempotency_key: keyOf(asked.text) },
      { from: '/ledger/pay' },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/group/);
  });

  it('lets the stewards pay from the community fund, which others cannot use', async () => {
    const form = await steward.get('/ledger/pay');
    expect(form.text).toContain('The fund of PlaNet Diss');
    const paid = await steward.postForm('/ledger/pay', {
      as_group: 'community',
      to: bobHandle,
      currency: 'DHR',
      amount: '1',
      description: 'Thanks for the bread stall',
      idempotency_key: 'fund-1',
    });
    expect(paid.status).toBe(303);
    expect((await steward.get('/ledger')).text).toMatch(/fund of <a href="\/groups\/community">PlaNet Diss/);
    expect((await bob.get(paid.location!)).text).toContain('PlaNet Diss');
    const refused = await bob.postForm(
      '/ledger/pay',
      {
        as_group: 'community',
        to: aliceHandle,
        currency: 'DHR',
        amount: '1',
        description: 'Not mine',
        idempotency_key: 'fund-2',
      },
      { from: '/ledger/pay' },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/admins can use its fund/);
  });

  it('lets a request wait the days its currency sets (14 for REP), then expire', async () => {
    const form = await bob.get('/ledger/request');
    const sent = await bob.postForm('/ledger/request', {
      from: aliceHandle,
      currency: 'REP',
      amount: '2.50',
      description: 'Mended a chair',
      idempotency_key: keyOf(form.text),
    });
    expect(sent.status).toBe(303);
    const id = sent.location!.split('/').pop()!;
    const due = new Date(box.clock.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    expect((await bob.get(sent.location!)).text).toContain(`waiting for Alice Allotment until ${due}`);
    box.clock.advanceDays(13);
    expect((await alice.get('/ledger')).text).toContain(`/ledger/transfers/${id}/accept`);
    box.clock.advanceDays(2);
    expect((await alice.get('/ledger')).text).not.toContain(`/ledger/transfers/${id}/accept`);
    const late = await alice.postForm(`/ledger/transfers/${id}/accept`, {}, { from: `/ledger/transfers/${id}` });
    expect(late.status).toBe(409);
    expect(late.text).toContain(`expired on ${due}`);
  });

  it('shows stewards every currency checked, who is near a limit, volume by month and every account; limits outside a balance are explained', async () => {
    const db = box.database.db;
    const bobAccount = (
      await db
        .selectFrom('accounts')
        .innerJoin('members', 'members.id', 'accounts.member_id')
        .select('accounts.id')
        .where('members.handle', '=', bobHandle)
        .where('accounts.currency_id', '=', 1)
        .executeTakeFirstOrThrow()
    ).id;
    const path = `/stewards/ledger/accounts/${bobAccount}`;
    // Two mistakes at once are reported at once.
    const both = await steward.postForm(
      `${path}/limits`,
      { lower_limit: '5', upper_limit: '40', reason: '' },
      { from: path },
    );
    expect(both.status).toBe(422);
    expect(both.text).toContain('Lowest balance must be zero or below, like -20:00.');
    expect(both.text).toContain('Reason is required.');
    // A highest balance below what Bob holds: allowed, explained, and it stops him being paid, not paying.
    expect(
      (
        await steward.postForm(
          `${path}/limits`,
          { lower_limit: '-20', upper_limit: '2:00', reason: 'Holding too much' },
          { from: path },
        )
      ).status,
    ).toBe(303);
    const account = await steward.get(path);
    expect(account.text).toContain('The balance is outside these limits');
    expect(account.text).toContain('“Holding too much”');
    const refused = await steward.postForm(
      '/ledger/pay',
      {
        to: bobHandle,
        currency: 'DHR',
        amount: '0:01',
        description: 'Too much for Bob',
        idempotency_key: 'over-upper',
      },
      { from: '/ledger/pay' },
    );
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/past their upper limit of 2:00 DHR: they can receive at most 0:00 now/);
    const paid = await bob.postForm(
      '/ledger/pay',
      {
        to: box.stewardHandle,
        currency: 'DHR',
        amount: '0:30',
        description: 'Bob pays down',
        idempotency_key: 'pays-down',
      },
      { from: '/ledger/pay' },
    );
    expect(paid.status).toBe(303);

    const page = await steward.get('/stewards/ledger');
    for (const code of ['DHR', 'REP'])
      expect(page.text).toMatch(new RegExp(`<li class="check-ok"><strong>${code}: OK</strong>`));
    const near = page.text.slice(page.text.indexOf('Near their limits'), page.text.indexOf('Volume by month'));
    expect(near).toContain(`href="${path}">Bob Baker</a>`);
    expect(near).not.toContain('Alice Allotment');
    const volume = await db
      .selectFrom('transfers')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('sum')])
      .select(sql<string>`substr(decided_at, 1, 7)`.as('month'))
      .where('state', '=', 'completed')
      .where('currency_id', '=', 1)
      .groupBy('month')
      .orderBy('month', 'desc')
      .executeTakeFirstOrThrow();
    expect(page.text).toContain(
      `<tr><td>${volume.month.replace('-', '\u2011')}</td><td>DHR</td><td>${volume.n}</td><td>${formatAmount(volume.sum, 60)}</td></tr>`,
    );
    const every = page.text.slice(page.text.indexOf('Every account'));
    expect(every).toMatch(/Alice Allotment<\/a> <strong class="error-text">frozen<\/strong>/);
    expect(every).toMatch(/Bob Baker<\/a>.*<\/th>\s*<td>2:30<\/td>\s*<td>-20:00 to 2:00<\/td>/);
    expect(every).toContain('The fund of PlaNet Diss');
  });

  it('shows a reversal offered by the side that was paid as money coming back: "Accept", not "Accept and pay"', async () => {
    const original = await box.database.db
      .selectFrom('transfers')
      .select('id')
      .where('description', '=', 'Sourdough lessons')
      .executeTakeFirstOrThrow();
    const page = await bob.get(`/ledger/transfers/${original.id}`);
    const proposed = await bob.postForm(`/ledger/transfers/${original.id}/reverse`, {
      idempotency_key: keyOf(page.text),
    });
    expect(proposed.status).toBe(303);
    const id = proposed.location!.split('/').pop()!;
    const mine = await alice.get('/ledger');
    const item = mine.text.slice(
      mine.text.indexOf(`/ledger/transfers/${id}"`),
      mine.text.indexOf(`/ledger/transfers/${id}/decline`),
    );
    expect(item).toContain('Bob Baker offers to pay <strong>1:30 DHR</strong> back');
    expect(item).toContain('>Accept</button>');
    expect(item).not.toContain('Accept and pay');
    expect((await bob.get('/ledger')).text).toMatch(
      /reversal for “Reversal of: Sourdough lessons”: waiting for Alice Allotment/,
    );
    expect((await alice.get(`/ledger/transfers/${id}`)).text).toContain('>Accept</button>');
    expect((await alice.postForm(`/ledger/transfers/${id}/decline`, {}, { from: '/ledger' })).status).toBe(303);
  });

  it('sends visitors to sign in', async () => {
    for (const path of ['/ledger', '/ledger/pay', '/ledger/statement/DHR', '/stewards/ledger']) {
      const result = await box.client().get(path);
      expect(result.status, path).toBe(302);
    }
  });
});
