import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { insertGroup, putMembership } from '../../src/groups/groups.queries.js';
import type { HttpClient } from '../helpers/client.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { signedIn, signedInSteward } from '../members/helpers.js';
import { ledgerInvariants } from './ledger-db.js';

/**
 * Group funds over HTTP, on the real app and database file: paying into a
 * fund and billing it (pages and API), its statement for the group's members,
 * who may not read or use it, limits and freezing, corrections of
 * corrections, and feedback written for a fund and about one.
 *
 * The Repair Café (seen by members, Alice its admin, Carol a member) and the
 * Secret Circle (seen only by its own members, Dave its admin); Bob is in
 * neither.
 */
describe('group funds', () => {
  let box: TestBox;
  const who: Record<
    'alice' | 'bob' | 'carol' | 'dave',
    { handle: string; id: number; client: HttpClient; token: string }
  > = {} as never;
  let steward: HttpClient;
  let key = 0;

  const keyOf = (text: string) => /name="idempotency_key" value="([^"]+)"/.exec(text)![1]!;
  const api = (name: keyof typeof who, method: string, path: string, body?: unknown) =>
    box.client().json(method, `/api/v1${path}`, body, who[name].token);
  const payForm = (name: keyof typeof who, fields: Record<string, string>) =>
    who[name].client.postForm(
      '/ledger/pay',
      { currency: 'DHR', description: 'For the café', idempotency_key: `fund-page-${++key}`, ...fields },
      { from: '/ledger/pay' },
    );
  const apiPayment = (name: keyof typeof who, body: Record<string, unknown>) =>
    api(name, 'POST', '/payments', {
      currency: 'DHR',
      description: 'Through the API',
      idempotency_key: `fund-api-${++key}`,
      ...body,
    });
  const transferIdOf = (location: string | null) => location!.split('/').pop()!;
  /** A steward sets the Repair Café fund's limits (in Diss Hours) through the stewards' page, as for any account. */
  const setFundLimits = async (lower: string, upper: string) => {
    const { id } = await box.database.db
      .selectFrom('accounts')
      .select('id')
      .where('group_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const path = `/stewards/ledger/accounts/${id}`;
    expect(
      (
        await steward.postForm(
          `${path}/limits`,
          { lower_limit: lower, upper_limit: upper, reason: 'Test' },
          { from: path },
        )
      ).status,
    ).toBe(303);
    return id;
  };

  beforeAll(async () => {
    box = await startSetUpBox();
    const db = box.database.db;
    for (const name of ['alice', 'bob', 'carol', 'dave'] as const) {
      const member = await addActiveMember(box, { displayName: `${name[0]!.toUpperCase()}${name.slice(1)} Tester` });
      who[name] = {
        handle: member.handle,
        id: member.id,
        client: await signedIn(box, member.email, member.password),
        token: await createApiToken(db, member.id, 'funds test', box.clock.now()),
      };
    }
    steward = await signedInSteward(box);
    const cafe = await insertGroup(
      db,
      1,
      { name: 'Repair Café', slug: 'repair-cafe', purpose: 'Fix it.', joinPolicy: 'open', visibility: 'members' },
      who.alice.id,
      box.clock.now(),
    );
    await putMembership(db, cafe, who.carol.id, { role: 'member', status: 'active' }, box.clock.now());
    await insertGroup(
      db,
      1,
      { name: 'Secret Circle', slug: 'secret-circle', purpose: '', joinPolicy: 'invite', visibility: 'group' },
      who.dave.id,
      box.clock.now(),
    );
  });
  afterAll(() => box.close());

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

    it('re-shows the form with the input and a clear message for a fund that is hidden, missing, or not the payer’s to use', async () => {
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
    });

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
          idempotency_key: `bill-${++key}`,
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
          idempotency_key: `claim-${++key}`,
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

  describe("a fund's statement", () => {
    it('is linked from the accounts page and the group page, with the running balance, a date filter and CSV', async () => {
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
    });

    it('is read by the group’s members, who also see the fund’s transfers; others may pay in but not read', async () => {
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
    });

    it('lets every member read the community’s own fund, run by the stewards', async () => {
      expect((await who.bob.client.get('/ledger/funds/community/statement/DHR')).status).toBe(200);
      expect((await who.bob.client.get('/groups/community')).text).toContain('The fund of PlaNet Diss');
    });
  });

  describe('the API', () => {
    it('pays a fund named "group:<slug>": 201 with the group as payee, the same key answering the same transfer', async () => {
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
    });

    it('answers the same transfer as the transfer itself says, field for field', async () => {
      const paid = await apiPayment('carol', { to: who.bob.handle, amount: '0:05' });
      const accepted = await api('bob', 'POST', '/payment-requests', {
        from: who.carol.handle,
        amount: 5,
        currency: 'DHR',
        description: 'Check',
        idempotency_key: `check-${++key}`,
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

    it('bills a fund ("from": "group:<slug>"), accepted by its admin; a member who does not run it cannot decide', async () => {
      const bill = await api('bob', 'POST', '/payment-requests', {
        from: 'group:repair-cafe',
        amount: '0:15',
        currency: 'DHR',
        description: 'Mended the kettle',
        idempotency_key: `api-bill-${++key}`,
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
    });

    it('gives a fund’s statement to the group’s members (as_group), 403 to others, 404 for a group hidden from them', async () => {
      const statement = await api('carol', 'GET', '/accounts/DHR/statement?as_group=repair-cafe');
      expect(statement.status).toBe(200);
      const entries = statement.body.entries as { balance: number; description: string }[];
      expect(entries[0]!.description).toBe('For the new soldering iron');
      expect(statement.body.account.balance).toBe(entries.at(-1)!.balance);
      expect((await api('bob', 'GET', '/accounts/DHR/statement?as_group=repair-cafe')).status).toBe(403);
      expect((await api('bob', 'GET', '/accounts/DHR/statement?as_group=secret-circle')).body.error.code).toBe(
        'not_found',
      );
    });
  });

  describe('corrections of corrections', () => {
    it('reverses a reversal on the pages: a steward corrects, the other side undoes the correction, never twice', async () => {
      const paid = await payForm('bob', { to: 'group:repair-cafe', amount: '0:10', description: 'Raffle ticket' });
      const paymentId = transferIdOf(paid.location);
      const corrected = await steward.postForm(
        `/ledger/transfers/${paymentId}/steward-reverse`,
        { reason: 'Paid twice by mistake' },
        { from: `/ledger/transfers/${paymentId}` },
      );
      expect(corrected.status).toBe(303);
      const reversalId = transferIdOf(corrected.location);
      const original = await who.bob.client.get(`/ledger/transfers/${paymentId}`);
      expect(original.text).toContain(`href="/ledger/transfers/${reversalId}"`);
      expect(original.text).not.toContain('Propose a reversal');
      expect((await steward.get(`/ledger/transfers/${paymentId}`)).text).not.toContain('Reverse as a steward');

      // It was not paid twice: Bob proposes to reverse the correction; the fund (Alice, its admin) accepts.
      const reversalPage = await who.bob.client.get(`/ledger/transfers/${reversalId}`);
      expect(reversalPage.text).toContain('Propose a reversal');
      const proposed = await who.bob.client.postForm(`/ledger/transfers/${reversalId}/reverse`, {
        idempotency_key: keyOf(reversalPage.text),
      });
      expect(proposed.status).toBe(303);
      const proposalId = transferIdOf(proposed.location);
      expect(
        (
          await who.bob.client.postForm(
            `/ledger/transfers/${reversalId}/reverse`,
            { idempotency_key: `again-${++key}` },
            { from: `/ledger/transfers/${reversalId}` },
          )
        ).status,
      ).toBe(409);
      expect((await who.alice.client.get('/ledger')).text).toContain(`/ledger/transfers/${proposalId}/accept`);
      expect(
        (await who.alice.client.postForm(`/ledger/transfers/${proposalId}/accept`, {}, { from: '/ledger' })).status,
      ).toBe(303);
      const statement = await who.alice.client.get('/ledger/funds/repair-cafe/statement/DHR');
      expect(statement.text.match(/Raffle ticket/g)).toHaveLength(3);
      expect(
        (
          await steward.postForm(
            `/ledger/transfers/${paymentId}/steward-reverse`,
            { reason: 'Again' },
            { from: `/ledger/transfers/${proposalId}` },
          )
        ).status,
      ).toBe(409);
      const inv = await ledgerInvariants(box.database.db);
      expect(inv.sums.every((s) => s.balances === 0 && s.entries === 0)).toBe(true);
      expect(inv.outsideLimits + inv.balancesNotEntries + inv.transfersWithoutTheirEntries).toBe(0);
    });
  });

  describe('feedback with a fund', () => {
    let paymentId = '';

    it('lets a fund’s admins write feedback for it, once per side, and the member write about the fund', async () => {
      paymentId = transferIdOf(
        (await payForm('bob', { to: 'group:repair-cafe', amount: '0:40', description: 'Fixed my toaster' })).location,
      );
      const page = await who.alice.client.get(`/ledger/transfers/${paymentId}`);
      expect(page.text).toContain('You write for the fund of Repair Café');
      expect(
        (
          await who.alice.client.postForm(`/ledger/transfers/${paymentId}/feedback`, {
            rating: 'positive',
            comment: 'Paid promptly',
          })
        ).status,
      ).toBe(303);
      expect(
        (
          await who.bob.client.postForm(
            `/ledger/transfers/${paymentId}/feedback`,
            { rating: 'positive', comment: 'Toaster works again' },
            { from: `/ledger/transfers/${paymentId}` },
          )
        ).status,
      ).toBe(303);
      // A second admin changes the fund's feedback rather than adding another.
      await putMembership(
        box.database.db,
        (
          await box.database.db
            .selectFrom('groups')
            .select('id')
            .where('slug', '=', 'repair-cafe')
            .executeTakeFirstOrThrow()
        ).id,
        who.carol.id,
        { role: 'admin', status: 'active' },
        box.clock.now(),
      );
      expect(
        (
          await who.carol.client.postForm(
            `/ledger/transfers/${paymentId}/feedback`,
            { rating: 'neutral', comment: 'Paid, a day late' },
            { from: `/ledger/transfers/${paymentId}` },
          )
        ).status,
      ).toBe(303);
      const feedback = await box.database.db
        .selectFrom('transfer_feedback')
        .select(['author_id', 'author_group_id', 'subject_id', 'subject_group_id', 'comment'])
        .where('transfer_id', '=', paymentId)
        .orderBy('id')
        .execute();
      expect(feedback).toEqual([
        {
          author_id: who.carol.id,
          author_group_id: expect.any(Number),
          subject_id: who.bob.id,
          subject_group_id: null,
          comment: 'Paid, a day late',
        },
        {
          author_id: who.bob.id,
          author_group_id: null,
          subject_id: null,
          subject_group_id: expect.any(Number),
          comment: 'Toaster works again',
        },
      ]);
      // Dave runs no side of it.
      expect(
        (
          await who.dave.client.postForm(
            `/ledger/transfers/${paymentId}/feedback`,
            { rating: 'negative', comment: 'x' },
            { from: '/ledger' },
          )
        ).status,
      ).toBe(403);
    });

    it('shows feedback about a fund on its group’s page, and the fund’s own on the member’s profile', async () => {
      const group = await who.dave.client.get('/groups/repair-cafe');
      expect(group.text).toContain('Feedback from trades');
      expect(group.text).toContain('Toaster works again');
      const profile = await who.dave.client.get(`/members/${who.bob.handle}`);
      expect(profile.text).toContain('Paid, a day late');
      expect(profile.text).toContain('href="/groups/repair-cafe">Repair Café</a> (Carol Tester)');
    });

    it('never names a private group to someone who cannot see it', async () => {
      const paid = await who.dave.client.postForm(
        '/ledger/pay',
        {
          as_group: 'secret-circle',
          to: who.bob.handle,
          currency: 'DHR',
          amount: '0:10',
          description: 'Secret errand',
          idempotency_key: `secret-${++key}`,
        },
        { from: '/ledger/pay' },
      );
      expect(paid.status).toBe(303);
      const id = transferIdOf(paid.location);
      expect(
        (
          await who.dave.client.postForm(
            `/ledger/transfers/${id}/feedback`,
            { rating: 'positive', comment: 'Discreet and quick' },
            { from: `/ledger/transfers/${id}` },
          )
        ).status,
      ).toBe(303);
      const seenByCarol = await who.carol.client.get(`/members/${who.bob.handle}`);
      expect(seenByCarol.text).toContain('Discreet and quick');
      expect(seenByCarol.text).toContain('— a group');
      expect(seenByCarol.text).not.toContain('Secret Circle');
      expect(seenByCarol.text).not.toContain('Dave Tester');
      expect((await who.dave.client.get(`/members/${who.bob.handle}`)).text).toContain('Secret Circle');
    });

    it('gives no form to someone on both sides (an admin paying their own fund), and refuses the post', async () => {
      const paid = await payForm('alice', { to: 'group:repair-cafe', amount: '0:05', description: 'My own café' });
      const id = transferIdOf(paid.location);
      expect((await who.alice.client.get(`/ledger/transfers/${id}`)).text).not.toContain('Save feedback');
      const refused = await who.alice.client.postForm(`/ledger/transfers/${id}/feedback`, {
        rating: 'positive',
        comment: 'Me',
      });
      expect(refused.status).toBe(409);
      expect(refused.text).toMatch(/both sides/);
    });
  });
});
