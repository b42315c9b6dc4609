import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createCurrency, changeLimits, currencySchema, freezeAccount } from '../../src/ledger/currencies.js';
import { LimitError, type Actor } from '../../src/ledger/ledger.js';
import { findCurrencyByCode } from '../../src/ledger/currencies.queries.js';
import { acceptTransfer, declineTransfer } from '../../src/ledger/decisions.js';
import { pay, paymentSchema, requestPayment, requestSchema } from '../../src/ledger/transfers.js';
import { proposeReversal, stewardReversal } from '../../src/ledger/reversals.js';
import { insertGroup, putMembership } from '../../src/groups/groups.queries.js';
import { addDays } from '../../src/lib/time.js';
import { answeredTransaction, ledgerInvariants, openLedgerDb, type LedgerDb } from './ledger-db.js';

/* The domain of transfers, over one ledger database the tests below share in order. */
let ledger: LedgerDb;
let now = new Date('2026-11-22T10:00:00Z');
let [a, b, c]: Actor[] = [];
let steward: Actor;
let handles: Map<number, string>;
let key = 0;

const tx = <T>(fn: (trx: LedgerDb['db']) => Promise<T>) => answeredTransaction(ledger.db, fn);
const payment = (from: Actor, to: Actor, amount: string | number, extra: Partial<Record<string, unknown>> = {}) =>
  tx((trx) => {
    const fields = { to: handles.get(to.id), amount, currency: 'DHR', description: 'Gardening' };
    return pay(trx, from, paymentSchema.parse({ ...fields, idempotency_key: `k${++key}`, ...extra }), now);
  });
const request = (payee: Actor, payer: Actor, amount: string) =>
  tx((trx) => {
    const fields = { from: handles.get(payer.id), amount, currency: 'DHR', description: 'Bread' };
    return requestPayment(trx, payee, requestSchema.parse({ ...fields, idempotency_key: `k${++key}` }), now);
  });
const balances = async () => {
  const rows = await ledger.db
    .selectFrom('accounts')
    .select(['member_id', 'balance'])
    .where('currency_id', '=', (await findCurrencyByCode(ledger.db, 'DHR'))!.id)
    .execute();
  return new Map(rows.map((r) => [r.member_id, r.balance]));
};

beforeAll(async () => {
  ledger = await openLedgerDb(3);
  [a, b, c] = ledger.memberIds.map((id) => ({ id, role: 'member' as const }));
  steward = { id: ledger.stewardId, role: 'steward' };
  handles = new Map(
    (await ledger.db.selectFrom('members').select(['id', 'handle']).execute()).map((m) => [m.id, m.handle]),
  );
});
afterAll(() => ledger.close());

describe('paying at once, once for one key, within the limits', () => {
  it('setup made the default currency, Diss Hours in minutes from -20 h to +40 h', async () => {
    const dhr = await findCurrencyByCode(ledger.db, 'DHR');
    expect(dhr).toMatchObject({ name: 'Diss Hours', scale: 60, defaultLowerLimit: -1200, defaultUpperLimit: 2400 });
  });

  it('pays at once, opening both accounts, and the balances sum to zero', async () => {
    const { transfer, replayed } = await payment(a!, b!, '1:30');
    expect(replayed).toBe(false);
    expect(transfer).toMatchObject({ state: 'completed', amount: 90, kind: 'payment' });
    const bal = await balances();
    expect(bal.get(a!.id)).toBe(-90);
    expect(bal.get(b!.id)).toBe(90);
    expect((await ledgerInvariants(ledger.db)).sums.every((s) => s.balances === 0 && s.entries === 0)).toBe(true);
  });

  it('makes one transfer for one idempotency key, and refuses the key for a different transfer', async () => {
    const input = paymentSchema.parse({
      to: handles.get(b!.id),
      amount: '0:10',
      currency: 'DHR',
      description: 'Twice',
      idempotency_key: 'double-submit',
    });
    const first = await tx((trx) => pay(trx, a!, input, now));
    const second = await tx((trx) => pay(trx, a!, input, now));
    expect(second.replayed).toBe(true);
    expect(second.transfer.id).toBe(first.transfer.id);
    expect(
      (await ledger.db.selectFrom('entries').select('id').where('transfer_id', '=', first.transfer.id).execute())
        .length,
    ).toBe(2);
    await expect(tx((trx) => pay(trx, a!, { ...input, amount: '0:11' }, now))).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('refuses a payment past the lower limit with the limit and what is available', async () => {
    const before = await balances();
    const error = await payment(c!, b!, '20:01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitError);
    expect(error).toMatchObject({
      code: 'over_limit',
      limit: -1200,
      available: 1200,
      formatted: { limit: '-20:00', available: '20:00' },
    });
    expect(await balances()).toEqual(before);
    expect((await payment(c!, b!, '20:00')).transfer.state).toBe('completed');
  });
});

describe('refusing what cannot be paid', () => {
  it(
    'refuses paying oneself, unknown members and currencies, ' +
      'and a listing that does not exist (422 with the field)',
    async () => {
      await expect(payment(a!, a!, '1')).rejects.toMatchObject({
        code: 'invalid',
        fields: { to: expect.stringMatching(/yourself/) },
      });
      await expect(
        tx((trx) =>
          pay(
            trx,
            a!,
            paymentSchema.parse({
              to: 'nobody-here',
              amount: '1',
              currency: 'DHR',
              description: 'x',
              idempotency_key: 'x1',
            }),
            now,
          ),
        ),
      ).rejects.toMatchObject({ code: 'invalid', fields: { to: expect.any(String) } });
      await expect(payment(a!, b!, '1', { currency: 'NOPE' })).rejects.toMatchObject({
        code: 'invalid',
        fields: { currency: expect.any(String) },
      });
      await expect(payment(a!, b!, '1', { listing_id: '0b7e2a36-5a57-4a43-9d4e-3f7b8c1d2e3f' })).rejects.toMatchObject({
        code: 'invalid',
        fields: { listing_id: expect.any(String) },
      });
      await expect(payment(a!, b!, '1:75')).rejects.toMatchObject({
        code: 'invalid',
        fields: { amount: expect.any(String) },
      });
    },
  );
});

describe('requests, which wait for the payer', () => {
  it('requests wait for the payer, who accepts (limits checked then) or declines; only they can', async () => {
    const { transfer } = await request(b!, a!, '2');
    expect(transfer).toMatchObject({ state: 'pending', kind: 'request' });
    await expect(tx((trx) => acceptTransfer(trx, b!, transfer.id, now))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(tx((trx) => acceptTransfer(trx, c!, transfer.id, now))).rejects.toMatchObject({ code: 'forbidden' });
    const before = (await balances()).get(a!.id)!;
    expect(await tx((trx) => acceptTransfer(trx, a!, transfer.id, now))).toMatchObject({
      replayed: false,
      transfer: { state: 'completed', decidedBy: a!.id },
    });
    expect((await balances()).get(a!.id)).toBe(before - 120);
    // The same decision again (a double click, a retry) answers it without paying twice; the other decision is refused.
    expect(await tx((trx) => acceptTransfer(trx, a!, transfer.id, now))).toMatchObject({
      replayed: true,
      transfer: { id: transfer.id, state: 'completed' },
    });
    expect((await balances()).get(a!.id)).toBe(before - 120);
    await expect(tx((trx) => declineTransfer(trx, a!, transfer.id, now))).rejects.toMatchObject({ code: 'conflict' });
    await expect(tx((trx) => acceptTransfer(trx, b!, transfer.id, now))).rejects.toMatchObject({ code: 'conflict' });
    const second = await request(b!, a!, '1');
    expect((await tx((trx) => declineTransfer(trx, a!, second.transfer.id, now))).transfer.state).toBe('declined');
    expect((await tx((trx) => declineTransfer(trx, a!, second.transfer.id, now))).replayed).toBe(true);
    await expect(tx((trx) => acceptTransfer(trx, a!, second.transfer.id, now))).rejects.toMatchObject({
      code: 'conflict',
    });
    // A payment was never pending: "accepting" it is refused, even by its payer.
    const paid = await payment(a!, b!, '0:01');
    await expect(tx((trx) => acceptTransfer(trx, a!, paid.transfer.id, now))).rejects.toMatchObject({
      code: 'conflict',
    });
    const tooMuch = await request(b!, c!, '5');
    await expect(tx((trx) => acceptTransfer(trx, c!, tooMuch.transfer.id, now))).rejects.toBeInstanceOf(LimitError);
  });

  it('a request expires after the currency request days, derived when read', async () => {
    const { transfer } = await request(b!, a!, '0:30');
    now = addDays(now, 31);
    await expect(tx((trx) => acceptTransfer(trx, a!, transfer.id, now))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/expired/),
    });
  });
});

describe('reversing a transfer', () => {
  it(
    'reverses by proposal and acceptance, ' + 'or by a steward with a reason, once; entries are only appended',
    async () => {
      const { transfer } = await payment(a!, b!, '0:45');
      const entriesBefore = (await ledger.db.selectFrom('entries').select('id').execute()).length;
      const proposal = await tx((trx) => proposeReversal(trx, a!, transfer.id, `rev${++key}`, now));
      expect(proposal.transfer).toMatchObject({
        kind: 'reversal',
        state: 'pending',
        payerAccountId: transfer.payeeAccountId,
      });
      await expect(tx((trx) => acceptTransfer(trx, a!, proposal.transfer.id, now))).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(tx((trx) => proposeReversal(trx, b!, transfer.id, `rev${++key}`, now))).rejects.toMatchObject({
        code: 'conflict',
      });
      expect((await tx((trx) => acceptTransfer(trx, b!, proposal.transfer.id, now))).transfer.state).toBe('completed');
      expect((await ledger.db.selectFrom('entries').select('id').execute()).length).toBe(entriesBefore + 2);
      await expect(
        tx((trx) => stewardReversal(trx, steward, transfer.id, 'Again', `rev${++key}`, now)),
      ).rejects.toMatchObject({ code: 'conflict' });

      const other = await payment(b!, c!, '0:15');
      await expect(
        tx((trx) => stewardReversal(trx, a!, other.transfer.id, 'Not a steward', `rev${++key}`, now)),
      ).rejects.toMatchObject({ code: 'forbidden' });
      const corrected = await tx((trx) =>
        stewardReversal(trx, steward, other.transfer.id, 'Paid the wrong person', `rev${++key}`, now),
      );
      expect(corrected.transfer).toMatchObject({ state: 'completed', reason: 'Paid the wrong person' });
    },
  );
});

describe('reversing a reversal, and entries that never change', () => {
  it(
    'reverses a reversal by the same rules, ' +
      'puts the original back in force, and never reverses one transfer twice',
    async () => {
      const { transfer } = await payment(a!, b!, '0:20');
      const before = await balances();
      const reversal = await tx((trx) =>
        stewardReversal(trx, steward, transfer.id, 'Wrong person', 'first-correction', now),
      );
      // It was the right person after all: b proposes to undo the reversal, a (the other side of it) accepts.
      const proposal = await tx((trx) => proposeReversal(trx, b!, reversal.transfer.id, `rev${++key}`, now));
      expect(proposal.transfer).toMatchObject({
        kind: 'reversal',
        state: 'pending',
        reversesId: reversal.transfer.id,
        payerAccountId: transfer.payerAccountId,
        payeeAccountId: transfer.payeeAccountId,
      });
      await expect(tx((trx) => acceptTransfer(trx, b!, proposal.transfer.id, now))).rejects.toMatchObject({
        code: 'forbidden',
      });
      await tx((trx) => acceptTransfer(trx, a!, proposal.transfer.id, now));
      expect(await balances()).toEqual(before);
      // Each link of the chain is reversed once; the third link can be reversed in turn, by a steward.
      await expect(
        tx((trx) => stewardReversal(trx, steward, transfer.id, 'Again', `rev${++key}`, now)),
      ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already been reversed/) });
      await expect(
        tx((trx) => proposeReversal(trx, a!, reversal.transfer.id, `rev${++key}`, now)),
      ).rejects.toMatchObject({ code: 'conflict' });
      const third = await tx((trx) =>
        stewardReversal(trx, steward, proposal.transfer.id, 'Undo the undo', `rev${++key}`, now),
      );
      expect(third.transfer).toMatchObject({ state: 'completed', reversesId: proposal.transfer.id });
      expect((await balances()).get(a!.id)).toBe(before.get(a!.id)! + 20);
      // A key names one reversal: the first correction's key, used to reverse another payment of the same amount
      // between the same accounts, is refused, not answered with the first correction.
      const fresh = await payment(a!, b!, '0:20');
      await expect(
        tx((trx) => stewardReversal(trx, steward, fresh.transfer.id, 'Key reused', 'first-correction', now)),
      ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/idempotency key/) });
      expect(
        (await tx((trx) => stewardReversal(trx, steward, transfer.id, 'Wrong person', 'first-correction', now)))
          .transfer.id,
      ).toBe(reversal.transfer.id);
    },
  );

  it('SQLite itself refuses to update or delete an entry or a transfer', async () => {
    await expect(sql`UPDATE entries SET amount = amount + 1`.execute(ledger.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM entries`.execute(ledger.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`UPDATE transfers SET amount = amount + 1 WHERE state = 'completed'`.execute(ledger.db),
    ).rejects.toThrow(/never change/);
    await expect(sql`DELETE FROM transfers`.execute(ledger.db)).rejects.toThrow(/never deleted/);
  });
});

describe("frozen accounts, suspended members and a steward's limits", () => {
  it('frozen accounts and suspended members cannot trade; a steward changes limits with a reason, logged', async () => {
    const dhr = (await findCurrencyByCode(ledger.db, 'DHR'))!;
    const accountOf = async (member: Actor) =>
      (
        await ledger.db
          .selectFrom('accounts')
          .select('id')
          .where('member_id', '=', member.id)
          .where('currency_id', '=', dhr.id)
          .executeTakeFirstOrThrow()
      ).id;
    await expect(tx((trx) => freezeAccount(trx, a!, 1, { action: 'freeze', reason: 'x' }, now))).rejects.toMatchObject({
      code: 'forbidden',
    });
    // Looked up before the transaction: inside it, the connection is held, and a query on `ledger.db` would wait
    // forever.
    const [accountA, accountC] = [await accountOf(a!), await accountOf(c!)];
    await tx((trx) => freezeAccount(trx, steward, accountC, { action: 'freeze', reason: 'Lost phone' }, now));
    await expect(payment(a!, c!, '0:01')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/frozen/),
    });
    await expect(payment(c!, a!, '0:01')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/frozen/),
    });
    await tx((trx) => freezeAccount(trx, steward, accountC, { action: 'unfreeze', reason: 'Found it' }, now));
    await ledger.db.updateTable('members').set({ status: 'suspended' }).where('id', '=', c!.id).execute();
    await expect(payment(a!, c!, '0:01')).rejects.toMatchObject({ code: 'invalid' });
    await expect(payment(c!, a!, '0:01')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not active/),
    });
    await ledger.db.updateTable('members').set({ status: 'active' }).where('id', '=', c!.id).execute();

    await tx((trx) =>
      changeLimits(
        trx,
        steward,
        accountA,
        60,
        { lower_limit: '-100', upper_limit: '100', reason: 'Trusted trader' },
        now,
      ),
    );
    expect(
      await ledger.db
        .selectFrom('accounts')
        .select(['lower_limit', 'upper_limit'])
        .where('id', '=', accountA)
        .executeTakeFirst(),
    ).toEqual({ lower_limit: -6000, upper_limit: 6000 });
    expect(await ledger.db.selectFrom('account_changes').select(['change', 'reason']).execute()).toEqual([
      { change: 'freeze', reason: 'Lost phone' },
      { change: 'unfreeze', reason: 'Found it' },
      { change: 'limits', reason: 'Trusted trader' },
    ]);
  });
});

describe('group currencies, and the invariants after all of the above', () => {
  it('a group currency is created by its admins and used only by its members', async () => {
    const groupId = await insertGroup(
      ledger.db,
      1,
      { name: 'Repair Café', slug: 'repair-cafe', purpose: '', joinPolicy: 'open', visibility: 'everyone' },
      a!.id,
      now,
    );
    await putMembership(ledger.db, groupId, b!.id, { role: 'member', status: 'active' }, now);
    const input = currencySchema.parse({
      code: 'fix',
      name: 'Fix Tokens',
      symbol: 'F',
      counted_in: 'hundredths',
      lower_limit: '-20',
      upper_limit: '10.50',
      request_days: '7',
    });
    await expect(tx((trx) => createCurrency(trx, b!, groupId, input, now))).rejects.toMatchObject({
      code: 'forbidden',
    });
    const fix = await tx((trx) => createCurrency(trx, a!, groupId, input, now));
    expect(fix).toMatchObject({ code: 'FIX', scale: 100, defaultLowerLimit: -2000, defaultUpperLimit: 1050 });
    // The same admin sending the same currency again (a double submit) gets it back; any other use of the code is
    // refused.
    expect((await tx((trx) => createCurrency(trx, a!, groupId, input, now))).id).toBe(fix.id);
    await expect(
      tx((trx) => createCurrency(trx, a!, groupId, { ...input, name: 'Other Tokens' }, now)),
    ).rejects.toMatchObject({ code: 'invalid', fields: { code: expect.any(String) } });
    expect(await ledger.db.selectFrom('currencies').select('id').where('code', '=', 'FIX').execute()).toHaveLength(1);
    expect((await payment(a!, b!, '2.50', { currency: 'FIX' })).transfer.amount).toBe(250);
    await expect(payment(a!, b!, '8.01', { currency: 'FIX' })).rejects.toMatchObject({
      code: 'over_limit',
      side: 'payee',
      formatted: { limit: '10.50', available: '8.00' },
    });
    await expect(payment(a!, c!, '1', { currency: 'FIX' })).rejects.toMatchObject({
      code: 'invalid',
      fields: { to: expect.stringMatching(/group/) },
    });
  });

  it('keeps every invariant after all of the above', async () => {
    const inv = await ledgerInvariants(ledger.db);
    expect(inv.sums.every((s) => s.balances === 0 && s.entries === 0)).toBe(true);
    expect(inv.balancesNotEntries).toBe(0);
    expect(inv.transfersWithoutTheirEntries).toBe(0);
  });
});
