import { expect, it } from 'vitest';
import { alice, aliceHandle, bob, bobHandle, box, keyOf, steward } from './fixture.js';

/** The stewards’ ledger, group currencies and the community fund. */
export function stewardsAndCurrencies(): void {
  it('lets a steward see every account and the zero-sum check, change limits and freeze with a reason', async () => {
    expect((await alice.get('/stewards/ledger')).status).toBe(403);
    const page = await steward.get('/stewards/ledger');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/check-ok/);
    expect(page.text).not.toMatch(/check-fail/);
    const accountPath = /href="(\/stewards\/ledger\/accounts\/\d+)"/.exec(page.text)![1]!;
    const changeAccount = (change: 'limits' | 'freeze', fields: Record<string, string>) =>
      steward.postForm(`${accountPath}/${change}`, fields, { from: accountPath });
    const limits = await changeAccount('limits', {
      lower_limit: '-30:00',
      upper_limit: '50',
      reason: 'Runs the bakery',
    });
    expect(limits.status).toBe(303);
    expect((await steward.get(accountPath)).text).toContain('-30:00 to 50:00');
    const missing = await steward.postForm(
      `${accountPath}/freeze`,
      { action: 'freeze', reason: '' },
      { from: accountPath, headers: { 'HX-Request': 'true', 'HX-Boosted': 'true' } },
    );
    expect(missing.status).toBe(422);
    expect(missing.response.headers.get('HX-Replace-Url')).toBe(accountPath);
    expect((await changeAccount('freeze', { action: 'freeze', reason: 'Lost phone' })).status).toBe(303);
    expect((await steward.get(accountPath)).text).toContain('Lost phone');
    // Each form sent twice (a double click) changes and logs once, and says nothing is wrong.
    expect((await changeAccount('freeze', { action: 'freeze', reason: 'Lost phone' })).status).toBe(303);
    expect(
      (await changeAccount('limits', { lower_limit: '-30:00', upper_limit: '50', reason: 'Runs the bakery' })).status,
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
    const again = await changeAccount('freeze', { action: 'freeze', reason: 'Another reason' });
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

  it(
    'offers on the pay form only the currencies one may use, ' +
      'keeping one a link asks for so the amount is never read in another',
    async () => {
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
    },
  );

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
}
