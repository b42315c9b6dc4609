import { expect, it } from 'vitest';
import { alice, aliceHandle, bob, bobHandle, box, keyOf } from './fixture.js';

/** Paying, requesting, statements and feedback, as members. */
export function payingAndStatements(): void {
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
}
