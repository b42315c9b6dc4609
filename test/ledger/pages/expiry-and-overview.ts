import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { formatAmount } from '../../../src/ledger/amounts.js';
import { alice, aliceHandle, bob, bobHandle, box, keyOf, steward } from './fixture.js';

/** Requests that expire, the stewards’ overview, reversals offered, and visitors. */
export function expiryAndOverview(): void {
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
    const dueAt = new Date(box.clock.now().getTime() + 14 * 86_400_000);
    // As the pages show a date to an English reader (`it.f.date`); the refusal's sentence names it as stored.
    const due = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(dueAt);
    expect((await bob.get(sent.location!)).text).toContain(`waiting for Alice Allotment until ${due}`);
    box.clock.advanceDays(13);
    expect((await alice.get('/ledger')).text).toContain(`/ledger/transfers/${id}/accept`);
    box.clock.advanceDays(2);
    expect((await alice.get('/ledger')).text).not.toContain(`/ledger/transfers/${id}/accept`);
    const late = await alice.postForm(`/ledger/transfers/${id}/accept`, {}, { from: `/ledger/transfers/${id}` });
    expect(late.status).toBe(409);
    expect(late.text).toContain(`expired on ${dueAt.toISOString().slice(0, 10)}`);
  });

  it(
    'lets stewards set limits a balance is already outside, ' + 'explained on the account: they stop payments in',
    async () => {
      const path = await bobsDhrAccountPage();
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
    },
  );

  it('shows stewards every currency checked, who is near a limit, volume by month and every account', async () => {
    const db = box.database.db;
    const path = await bobsDhrAccountPage();
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
      `<tr><td>${volume.month.replace('-', '\u2011')}</td><td>DHR</td>` +
        `<td>${volume.n}</td><td>${formatAmount(volume.sum, 60)}</td></tr>`,
    );
    const every = page.text.slice(page.text.indexOf('Every account'));
    expect(every).toMatch(/Alice Allotment<\/a> <strong class="error-text">frozen<\/strong>/);
    expect(every).toMatch(/Bob Baker<\/a>.*<\/th>\s*<td>2:30<\/td>\s*<td>-20:00 to 2:00<\/td>/);
    expect(every).toContain('The fund of PlaNet Diss');
  });

  it(
    'shows a reversal offered by the side that was paid as money coming back: ' + '"Accept", not "Accept and pay"',
    async () => {
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
    },
  );

  it('sends visitors to sign in', async () => {
    for (const path of ['/ledger', '/ledger/pay', '/ledger/statement/DHR', '/stewards/ledger']) {
      const result = await box.client().get(path);
      expect(result.status, path).toBe(302);
    }
  });
}

/** The stewards' page for Bob's account in DHR, the community's currency. */
async function bobsDhrAccountPage(): Promise<string> {
  const { id } = await box.database.db
    .selectFrom('accounts')
    .innerJoin('members', 'members.id', 'accounts.member_id')
    .select('accounts.id')
    .where('members.handle', '=', bobHandle)
    .where('accounts.currency_id', '=', 1)
    .executeTakeFirstOrThrow();
  return `/stewards/ledger/accounts/${id}`;
}
