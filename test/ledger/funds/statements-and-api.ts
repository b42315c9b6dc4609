import { describe, expect, it } from 'vitest';
import { api, apiPayment, box, key, nextKey, setFundLimits, steward, who } from './fixture.js';

/** A fund’s statement, and funds through the API. */
export function statementsAndApi(): void {
  describe("a fund's statement", () => {
    it(
      'is linked from the accounts page and the group page, ' + 'with the running balance, a date filter and CSV',
      async () => {
        const accounts = await who.alice.client.get('/ledger');
        expect(accounts.text).toContain('href="/ledger/funds/repair-cafe/statement/DHR"');
        const group = await who.alice.client.get('/groups/repair-cafe');
        expect(group.text).toContain('The fund of Repair Café');
        expect(group.text).toContain('href="/ledger/funds/repair-cafe/statement/DHR"');
        expect(group.text).toContain('Pay from the fund');

        const statement = await who.alice.client.get('/ledger/funds/repair-cafe/statement/DHR');
        expect(statement.status).toBe(200);
        expect(statement.text).toContain('The fund of Repair Café');
        expect(statement.text).toContain('For the new soldering iron');
        // 2:00 in, 0:30 in, 0:45 in, 0:20 out, 0:05 out and back.
        expect(statement.text).toContain('Balance now: <strong>2:55</strong>');
        expect((await who.alice.client.get('/ledger/funds/repair-cafe/statement/DHR?since=2099-01-01')).text).toMatch(
          /Nothing in these dates/,
        );
        const csv = await who.alice.client.request('GET', '/ledger/funds/repair-cafe/statement/DHR/csv');
        expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
        expect(csv.headers.get('content-disposition')).toContain('statement-repair-cafe-DHR.csv');
        const lines = (await csv.text()).trim().split('\n');
        expect(lines).toHaveLength(7);
        expect(lines[4]).toContain(',175,');
        expect(lines[5]).toMatch(/,Fuse refund,-0:05,-5,2:50,170,/);
        expect(lines[6]).toContain(',175,');
      },
    );

    it(
      'is read by the group’s members, ' + 'who also see the fund’s transfers; others may pay in but not read',
      async () => {
        expect((await who.carol.client.get('/ledger/funds/repair-cafe/statement/DHR')).status).toBe(200);
        const carolSees = await who.carol.client.get('/groups/repair-cafe');
        expect(carolSees.text).toContain('2:55 DHR');
        expect(carolSees.text).not.toContain('Pay from the fund');
        const soldering = (
          await box.database.db
            .selectFrom('transfers')
            .select('id')
            .where('description', '=', 'For the new soldering iron')
            .executeTakeFirstOrThrow()
        ).id;
        expect((await who.carol.client.get(`/ledger/transfers/${soldering}`)).status).toBe(200);

        const bobSees = await who.bob.client.get('/groups/repair-cafe');
        expect(bobSees.text).toContain('Pay into the fund');
        expect(bobSees.text).toContain('href="/ledger/pay?to=group%3Arepair-cafe"');
        expect(bobSees.text).not.toContain('2:55');
        expect((await who.bob.client.get('/ledger/funds/repair-cafe/statement/DHR')).status).toBe(403);
        expect((await who.bob.client.request('GET', '/ledger/funds/repair-cafe/statement/DHR/csv')).status).toBe(403);
        // A private group's fund does not exist for outsiders, stewards included.
        expect((await who.bob.client.get('/ledger/funds/secret-circle/statement/DHR')).status).toBe(404);
        expect((await steward.get('/ledger/funds/secret-circle/statement/DHR')).status).toBe(404);
        expect((await who.dave.client.get('/ledger/funds/secret-circle/statement/DHR')).status).toBe(200);
        expect((await who.alice.client.get('/ledger/funds/repair-cafe/statement/NOPE')).status).toBe(404);
        expect((await box.client().get('/ledger/funds/repair-cafe/statement/DHR')).status).toBe(302);
        // Visitors see no ledger on a group's page.
        expect((await box.client().get('/groups/community')).text).not.toContain('The fund of');
      },
    );

    it('lets every member read the community’s own fund, run by the stewards', async () => {
      expect((await who.bob.client.get('/ledger/funds/community/statement/DHR')).status).toBe(200);
      expect((await who.bob.client.get('/groups/community')).text).toContain('The fund of PlaNet Diss');
    });
  });

  describe('the API', () => {
    it(
      'pays a fund named "group:<slug>": 201 with the group as payee, ' + 'the same key answering the same transfer',
      async () => {
        const body = {
          to: 'group:repair-cafe',
          amount: 30,
          currency: 'DHR',
          description: 'Spare parts',
          idempotency_key: 'api-fund-1',
        };
        const paid = await api('bob', 'POST', '/payments', body);
        expect(paid.status).toBe(201);
        expect(paid.body.transfer).toMatchObject({
          state: 'completed',
          amount: 30,
          from: { type: 'member', handle: who.bob.handle, name: 'Bob Tester' },
          to: { type: 'group', handle: 'repair-cafe', name: 'Repair Café' },
        });
        const again = await api('bob', 'POST', '/payments', body);
        expect(again.response.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body.transfer).toEqual(paid.body.transfer);
      },
    );

    it('answers the same transfer as the transfer itself says, field for field', async () => {
      const paid = await apiPayment('carol', { to: who.bob.handle, amount: '0:05' });
      const accepted = await api('bob', 'POST', '/payment-requests', {
        from: who.carol.handle,
        amount: 5,
        currency: 'DHR',
        description: 'Check',
        idempotency_key: `check-${nextKey()}`,
      });
      const decided = await api('carol', 'POST', `/transfers/${accepted.body.transfer.id}/accept`);
      // The payment's answer is built from what `pay` read; the decision's is read back from the database: same shape.
      expect(Object.keys(paid.body.transfer).sort()).toEqual(Object.keys(decided.body.transfer).sort());
      expect(paid.body.transfer).toMatchObject({
        kind: 'payment',
        amount_formatted: '0:05',
        listing_id: null,
        reverses_id: null,
        expires_at: null,
        decided_at: paid.body.transfer.created_at,
      });
    });

    it('refuses a fund hidden from the caller, missing, or not theirs to use, with 422 and the field', async () => {
      for (const to of ['group:secret-circle', 'group:no-such-group', 'GROUP:', '@group:x']) {
        const refused = await apiPayment('bob', { to, amount: 1 });
        expect(refused.status, to).toBe(422);
        expect(refused.body.error.fields.to).toMatch(/\w/);
      }
      const notAdmin = await apiPayment('carol', { as_group: 'repair-cafe', to: who.bob.handle, amount: 1 });
      expect(notAdmin.status).toBe(422);
      expect(notAdmin.body.error.fields.as_group).toMatch(/admins/);
      const missing = await apiPayment('alice', { as_group: 'no-such-group', to: who.bob.handle, amount: 1 });
      expect(missing.body.error.fields.as_group).toMatch(/no group/);
    });

    it('answers 409 over a fund’s upper limit, naming the payee side', async () => {
      const balance = (
        await box.database.db
          .selectFrom('accounts')
          .select('balance')
          .where('group_id', 'is not', null)
          .executeTakeFirstOrThrow()
      ).balance;
      await setFundLimits('-20:00', '5:00');
      const over = await apiPayment('carol', { to: 'group:repair-cafe', amount: 300 - balance + 1 });
      expect(over.status).toBe(409);
      expect(over.body.error).toMatchObject({
        code: 'over_limit',
        side: 'payee',
        limit: 300,
        limit_formatted: '5:00',
        available: 300 - balance,
      });
      await setFundLimits('-20:00', '40:00');
    });

    it(
      'bills a fund ("from": "group:<slug>"), accepted by its admin; ' + 'a member who does not run it cannot decide',
      async () => {
        const bill = await api('bob', 'POST', '/payment-requests', {
          from: 'group:repair-cafe',
          amount: '0:15',
          currency: 'DHR',
          description: 'Mended the kettle',
          idempotency_key: `api-bill-${nextKey()}`,
        });
        expect(bill.status).toBe(201);
        expect(bill.body.transfer).toMatchObject({
          state: 'pending',
          from: { type: 'group', handle: 'repair-cafe' },
          to: { handle: who.bob.handle },
        });
        const billedAgain = await api('bob', 'POST', '/payment-requests', {
          from: 'group:repair-cafe',
          amount: '0:15',
          currency: 'DHR',
          description: 'Mended the kettle',
          idempotency_key: `api-bill-${key}`,
        });
        expect(billedAgain.status).toBe(201);
        expect(billedAgain.response.headers.get('idempotent-replayed')).toBe('true');
        expect(billedAgain.body.transfer.id).toBe(bill.body.transfer.id);
        expect((await api('carol', 'POST', `/transfers/${bill.body.transfer.id}/accept`)).status).toBe(403);
        const accepted = await api('alice', 'POST', `/transfers/${bill.body.transfer.id}/accept`);
        expect(accepted.body.transfer.state).toBe('completed');
        const retried = await api('alice', 'POST', `/transfers/${bill.body.transfer.id}/accept`);
        expect(retried.status).toBe(200);
        expect(retried.response.headers.get('idempotent-replayed')).toBe('true');
        expect(
          await box.database.db
            .selectFrom('entries')
            .select('id')
            .where('transfer_id', '=', bill.body.transfer.id)
            .execute(),
        ).toHaveLength(2);
      },
    );

    it(
      'gives a fund’s statement to the group’s members (as_group), ' +
        '403 to others, 404 for a group hidden from them',
      async () => {
        const statement = await api('carol', 'GET', '/accounts/DHR/statement?as_group=repair-cafe');
        expect(statement.status).toBe(200);
        const entries = statement.body.entries as { balance: number; description: string }[];
        expect(entries[0]!.description).toBe('For the new soldering iron');
        expect(statement.body.account.balance).toBe(entries.at(-1)!.balance);
        expect((await api('bob', 'GET', '/accounts/DHR/statement?as_group=repair-cafe')).status).toBe(403);
        expect((await api('bob', 'GET', '/accounts/DHR/statement?as_group=secret-circle')).body.error.code).toBe(
          'not_found',
        );
      },
    );
  });
}
