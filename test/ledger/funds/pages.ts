import { describe, expect, it } from 'vitest';
import { box, keyOf, nextKey, payForm, setFundLimits, steward, transferIdOf, who } from './fixture.js';

/** Paying into a fund and billing it, from the pages. */
export function payingFromPages(): void {
  describe('paying into a fund from the pages', () => {
    it('finds groups the payer may see by name, with htmx and without, as picks that fill in the fund', async () => {
      const fragment = await who.bob.client.get('/ledger/pay?q=repair&amount=2', { 'HX-Request': 'true' });
      expect(fragment.text).not.toMatch(/<html/);
      expect(fragment.text).toContain('The fund of Repair Café');
      expect(fragment.text).toContain('to=group%3Arepair-cafe');
      expect(fragment.text).toContain('amount=2');
      expect((await who.bob.client.get('/ledger/pay?q=secret')).text).not.toContain('Secret Circle');
      expect((await who.dave.client.get('/ledger/pay?q=secret', { 'HX-Request': 'true' })).text).toContain(
        'The fund of Secret Circle',
      );
      const picked = await who.bob.client.get('/ledger/pay?to=group%3Arepair-cafe');
      expect(picked.text).toContain('value="group:repair-cafe"');
    });

    it('pays a fund once, even when submitted twice; the transfer names the group', async () => {
      const form = await who.bob.client.get('/ledger/pay?to=group%3Arepair-cafe');
      const fields = {
        to: 'group:repair-cafe',
        currency: 'DHR',
        amount: '2',
        description: 'For the new soldering iron',
        idempotency_key: keyOf(form.text),
      };
      const first = await who.bob.client.postForm('/ledger/pay', fields);
      expect(first.status).toBe(303);
      const again = await who.bob.client.postForm('/ledger/pay', fields, { from: '/ledger/pay' });
      expect(again.location).toBe(first.location);
      const shown = await who.bob.client.get(first.location!);
      expect(shown.text).toContain('href="/groups/repair-cafe">Repair Café</a>');
      expect(shown.text).toContain('2:00 DHR');
    });

    it(
      're-shows the form with the input and a clear message for a fund that is hidden, ' +
        'missing, or not the payer’s to use',
      async () => {
        for (const to of ['group:secret-circle', 'group:no-such-group', 'group:']) {
          const refused = await payForm('bob', { to, amount: '1', description: 'Hidden fund' });
          expect(refused.status, to).toBe(422);
          expect(refused.text).toMatch(/no group with that address, or it is not open to you/);
          expect(refused.text).toContain(`value="${to}"`);
          expect(refused.text).toContain('value="Hidden fund"');
        }
        const notAdmin = await payForm('carol', {
          as_group: 'repair-cafe',
          to: who.bob.handle,
          amount: '1',
          description: 'Not mine to spend',
        });
        expect(notAdmin.status).toBe(422);
        expect(notAdmin.text).toMatch(/admins can use its fund/);
        expect(notAdmin.text).toContain('value="Not mine to spend"');
        const itself = await payForm('alice', { as_group: 'repair-cafe', to: 'group:repair-cafe', amount: '1' });
        expect(itself.status).toBe(422);
        expect(itself.text).toMatch(/A fund cannot pay itself/);
      },
    );

    it('keeps a fund within its limits and refuses a frozen fund, as for members', async () => {
      const accountId = await setFundLimits('-1:00', '3:00');
      const over = await payForm('carol', { to: 'group:repair-cafe', amount: '1:01', description: 'Too generous' });
      expect(over.status).toBe(409);
      expect(over.text).toMatch(/payee past their upper limit of 3:00 DHR: they can receive at most 1:00/);
      expect(over.text).toContain('value="Too generous"');
      const overdrawn = await payForm('alice', { as_group: 'repair-cafe', to: who.bob.handle, amount: '3:01' });
      expect(overdrawn.status).toBe(409);
      expect(overdrawn.text).toMatch(
        /That would take the fund past its limit of -1:00 DHR: it can pay at most 3:00 now/,
      );
      await setFundLimits('-20:00', '40:00');
      expect(
        (
          await steward.postForm(
            `/stewards/ledger/accounts/${accountId}/freeze`,
            { action: 'freeze', reason: 'Treasurer away' },
            { from: `/stewards/ledger/accounts/${accountId}` },
          )
        ).status,
      ).toBe(303);
      const frozen = await payForm('carol', { to: 'group:repair-cafe', amount: '1' });
      expect(frozen.status).toBe(409);
      expect(frozen.text).toMatch(/frozen by the stewards: Treasurer away/);
      const frozenOut = await payForm('alice', { as_group: 'repair-cafe', to: who.bob.handle, amount: '1' });
      expect(frozenOut.status).toBe(409);
      expect(
        (
          await steward.postForm(
            `/stewards/ledger/accounts/${accountId}/freeze`,
            { action: 'unfreeze', reason: 'Back' },
            { from: `/stewards/ledger/accounts/${accountId}` },
          )
        ).status,
      ).toBe(303);
      expect(
        (await payForm('carol', { to: 'group:repair-cafe', amount: '0:30', description: 'Tea money' })).status,
      ).toBe(303);
    });

    it('lets a fund bill a member, and a member bill a fund, which its admins accept', async () => {
      const bill = await who.alice.client.postForm(
        '/ledger/request',
        {
          as_group: 'repair-cafe',
          from: who.bob.handle,
          currency: 'DHR',
          amount: '0:45',
          description: 'Café membership',
          idempotency_key: `bill-${nextKey()}`,
        },
        { from: '/ledger/request' },
      );
      expect(bill.status).toBe(303);
      const billId = transferIdOf(bill.location);
      expect((await who.bob.client.get('/ledger')).text).toContain(`/ledger/transfers/${billId}/accept`);
      expect(
        (await who.bob.client.postForm(`/ledger/transfers/${billId}/accept`, {}, { from: '/ledger' })).status,
      ).toBe(303);

      const claim = await who.carol.client.postForm(
        '/ledger/request',
        {
          from: 'group:repair-cafe',
          currency: 'DHR',
          amount: '0:20',
          description: 'Bought fuses',
          idempotency_key: `claim-${nextKey()}`,
        },
        { from: '/ledger/request' },
      );
      expect(claim.status).toBe(303);
      const claimId = transferIdOf(claim.location);
      expect(
        (await who.carol.client.postForm(`/ledger/transfers/${claimId}/accept`, {}, { from: '/ledger' })).status,
      ).toBe(403);
      const waiting = await who.alice.client.get('/ledger');
      expect(waiting.text).toContain('Bought fuses');
      expect(waiting.text).toContain(`/ledger/transfers/${claimId}/accept`);
      const accepted = await who.alice.client.postForm(`/ledger/transfers/${claimId}/accept`, {}, { from: '/ledger' });
      expect(accepted.status).toBe(303);
      // Accepted twice (a double click): the same decision, paid once.
      expect(
        (await who.alice.client.postForm(`/ledger/transfers/${claimId}/accept`, {}, { from: '/ledger' })).location,
      ).toBe(accepted.location);
      expect(
        await box.database.db.selectFrom('entries').select('id').where('transfer_id', '=', claimId).execute(),
      ).toHaveLength(2);
      expect((await who.carol.client.get(`/ledger/transfers/${claimId}`)).text).toMatch(/completed/);
    });

    it('pays out of a fund once, however often the form is sent', async () => {
      const form = await who.alice.client.get('/ledger/pay?as_group=repair-cafe');
      expect(form.text).toMatch(/<option value="repair-cafe" selected>The fund of Repair Café<\/option>/);
      const fields = {
        as_group: 'repair-cafe',
        to: who.carol.handle,
        currency: 'DHR',
        amount: '0:05',
        description: 'Fuse refund',
        idempotency_key: keyOf(form.text),
      };
      const first = await who.alice.client.postForm('/ledger/pay', fields);
      const second = await who.alice.client.postForm('/ledger/pay', fields, { from: '/ledger/pay' });
      expect(first.status).toBe(303);
      expect(second.location).toBe(first.location);
      expect(
        await box.database.db.selectFrom('transfers').select('id').where('description', '=', 'Fuse refund').execute(),
      ).toHaveLength(1);
      const shown = await who.carol.client.get(first.location!);
      expect(shown.text).toContain('href="/groups/repair-cafe">Repair Café</a>');
      // Carol hands it back, so the fund's balance is as the tests below expect.
      expect(
        (await payForm('carol', { to: 'group:repair-cafe', amount: '0:05', description: 'Fuse refund returned' }))
          .status,
      ).toBe(303);
    });
  });
}
