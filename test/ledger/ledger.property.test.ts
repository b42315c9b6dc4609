import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { immediateTransaction } from '../../src/db/immediate.js';
import type { DB } from '../../src/db/database.js';
import { createCurrency, currencySchema } from '../../src/ledger/currencies.js';
import type { Actor, Currency } from '../../src/ledger/ledger.js';
import { acceptTransfer, declineTransfer } from '../../src/ledger/decisions.js';
import { FUND_PREFIX, pay, paymentSchema, requestPayment, requestSchema } from '../../src/ledger/transfers.js';
import { proposeReversal, stewardReversal } from '../../src/ledger/reversals.js';
import { insertGroup } from '../../src/groups/groups.queries.js';
import { DomainError } from '../../src/lib/errors.js';
import { addDays } from '../../src/lib/time.js';
import { answeredTransaction, ledgerInvariants, openLedgerDb, type LedgerDb } from './ledger-db.js';

/**
 * Random sequences of pay, request, accept, decline, expire (the clock moves)
 * and reverse (reversals too, so chains of corrections), among members and a
 * group's fund (run by member 0; any member pays into it or bills it),
 * checked against a model that knows only the rules: each operation succeeds
 * exactly when the model says it may, the balances are the model's, and after
 * every step every currency sums to zero, every account is within its limits,
 * and every completed transfer has its two entries.
 */

const MEMBERS = 4;
/** The group fund's index among the parties, after the members; member 0 is its admin. */
const FUND = MEMBERS;
const ADMIN = 0;
const LOWER = -500;
const UPPER = 500;

const member = fc.integer({ min: 0, max: MEMBERS - 1 });
const party = fc.integer({ min: 0, max: FUND });
const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('pay' as const),
      from: party,
      to: party,
      amount: fc.integer({ min: 1, max: 400 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('raid' as const),
      by: fc.integer({ min: 1, max: MEMBERS - 1 }),
      to: member,
      amount: fc.integer({ min: 1, max: 400 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('request' as const),
      payee: party,
      payer: party,
      amount: fc.integer({ min: 1, max: 400 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('accept' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('decline' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 20 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('reverse' as const),
      pick: fc.nat(),
      by: fc.constantFrom('steward' as const, 'party' as const),
    }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

interface Pending {
  id: string;
  payer: number;
  payee: number;
  amount: number;
  expiresAt: Date;
}
interface Done {
  id: string;
  payer: number;
  payee: number;
  amount: number;
  reversible: boolean;
}

describe('ledger properties', () => {
  let ledger: LedgerDb;
  let currency: Currency;
  let members: Actor[];
  let handles: string[];
  let fundId: number;
  let steward: Actor;
  let now = new Date('2026-11-22T10:00:00Z');
  let key = 0;

  beforeAll(async () => {
    ledger = await openLedgerDb(MEMBERS);
    steward = { id: ledger.stewardId, role: 'steward' };
    members = ledger.memberIds.map((id) => ({ id, role: 'member' }));
    handles = await Promise.all(
      ledger.memberIds.map(
        async (id) =>
          (await ledger.db.selectFrom('members').select('handle').where('id', '=', id).executeTakeFirstOrThrow())
            .handle,
      ),
    );
    const input = currencySchema.parse({
      code: 'PROP',
      name: 'Property Pounds',
      symbol: 'P',
      counted_in: 'hundredths',
      lower_limit: '-5',
      upper_limit: '5',
      request_days: '14',
    });
    currency = await immediateTransaction(ledger.db, (trx) => createCurrency(trx, steward, 1, input, now));
    fundId = await insertGroup(
      ledger.db,
      1,
      { name: 'Property Club', slug: 'property-club', purpose: '', joinPolicy: 'open', visibility: 'members' },
      ledger.memberIds[ADMIN]!,
      now,
    );
    handles.push(`${FUND_PREFIX}property-club`);
  });
  afterAll(() => ledger.close());

  const tx = <T>(fn: (trx: DB) => Promise<T>) => answeredTransaction(ledger.db, fn);
  /** Who acts for a party: the member, or the fund's admin. */
  const actorFor = (p: number) => members[p === FUND ? ADMIN : p]!;
  /** The `as_group` that makes a party the actor's own side. */
  const asGroup = (p: number) => (p === FUND ? 'property-club' : '');

  async function balances(): Promise<number[]> {
    const rows = await ledger.db
      .selectFrom('accounts')
      .select(['member_id', 'group_id', 'balance'])
      .where('currency_id', '=', currency.id)
      .execute();
    const byMember = new Map(rows.map((r) => [r.member_id, r.balance]));
    return [
      ...ledger.memberIds.map((id) => byMember.get(id) ?? 0),
      rows.find((r) => r.group_id === fundId)?.balance ?? 0,
    ];
  }

  /** Runs a step the model says should `succeed`, and checks that it did (or was refused with a domain error). */
  async function expectOutcome<T>(succeed: boolean, run: () => Promise<T>): Promise<T | null> {
    try {
      const result = await run();
      expect(succeed, 'succeeded where the model says it must be refused').toBe(true);
      return result;
    } catch (error) {
      // A refusal is a domain error (answered with a 4xx over HTTP); anything else is a bug.
      if (!(error instanceof DomainError)) throw error;
      expect(succeed, `refused (${(error as Error).message}) where the model says it may go through`).toBe(false);
      return null;
    }
  }

  it('keeps every currency at zero, every account within limits and every entry, for any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops: Op[]) => {
        const bal = await balances();
        const pending: Pending[] = [];
        const done: Done[] = [];
        let lastPay: { actor: Actor; input: ReturnType<typeof paymentSchema.parse>; id: string } | null = null;
        const fits = (payer: number, payee: number, amount: number) =>
          bal[payer]! - amount >= LOWER && bal[payee]! + amount <= UPPER;
        const move = (payer: number, payee: number, amount: number) => {
          bal[payer]! -= amount;
          bal[payee]! += amount;
        };

        for (const step of ops) {
          switch (step.op) {
            case 'pay': {
              // The admin pays from the fund with as_group, and may pay themselves from it; nobody pays their own
              // account.
              const input = paymentSchema.parse({
                to: handles[step.to],
                amount: step.amount,
                currency: 'PROP',
                description: 'Property',
                idempotency_key: `p${++key}`,
                as_group: asGroup(step.from),
              });
              const ok = step.from !== step.to && fits(step.from, step.to, step.amount);
              const result = await expectOutcome(ok, () => tx((trx) => pay(trx, actorFor(step.from), input, now)));
              if (result) {
                move(step.from, step.to, step.amount);
                done.push({
                  id: result.transfer.id,
                  payer: step.from,
                  payee: step.to,
                  amount: step.amount,
                  reversible: true,
                });
                lastPay = { actor: actorFor(step.from), input, id: result.transfer.id };
              }
              break;
            }
            case 'repeat': {
              if (!lastPay) break;
              const replay = await tx((trx) => pay(trx, lastPay!.actor, lastPay!.input, now));
              expect(replay).toMatchObject({ replayed: true, transfer: { id: lastPay.id } });
              break;
            }
            case 'raid': {
              // A member who does not run the fund can never pay out of it.
              const input = paymentSchema.parse({
                to: handles[step.to],
                amount: step.amount,
                currency: 'PROP',
                description: 'Not mine',
                idempotency_key: `x${++key}`,
                as_group: 'property-club',
              });
              await expectOutcome(false, () => tx((trx) => pay(trx, members[step.by]!, input, now)));
              break;
            }
            case 'request': {
              const input = requestSchema.parse({
                from: handles[step.payer],
                amount: step.amount,
                currency: 'PROP',
                description: 'Bill',
                idempotency_key: `r${++key}`,
                as_group: asGroup(step.payee),
              });
              const result = await expectOutcome(step.payer !== step.payee, () =>
                tx((trx) => requestPayment(trx, actorFor(step.payee), input, now)),
              );
              if (result)
                pending.push({
                  id: result.transfer.id,
                  payer: step.payer,
                  payee: step.payee,
                  amount: step.amount,
                  expiresAt: addDays(now, currency.requestDays),
                });
              break;
            }
            case 'accept':
            case 'decline': {
              if (pending.length === 0) break;
              const index = step.pick % pending.length;
              const p = pending[index]!;
              const live = now < p.expiresAt;
              if (step.op === 'accept') {
                const ok = live && fits(p.payer, p.payee, p.amount);
                const result = await expectOutcome(ok, () =>
                  tx((trx) => acceptTransfer(trx, actorFor(p.payer), p.id, now)),
                );
                if (result) {
                  move(p.payer, p.payee, p.amount);
                  done.push({ id: p.id, payer: p.payer, payee: p.payee, amount: p.amount, reversible: true });
                }
                if (result || !live) pending.splice(index, 1);
              } else {
                await expectOutcome(live, () => tx((trx) => declineTransfer(trx, actorFor(p.payer), p.id, now)));
                pending.splice(index, 1);
              }
              break;
            }
            case 'advance':
              now = addDays(now, step.days);
              break;
            case 'reverse': {
              if (done.length === 0) break;
              const d = done[step.pick % done.length]!;
              // A reversal moves the amount back: the original payee pays.
              const ok = d.reversible && fits(d.payee, d.payer, d.amount);
              let id: string | undefined;
              if (step.by === 'steward') {
                id = (
                  await expectOutcome(ok, () =>
                    tx((trx) => stewardReversal(trx, steward, d.id, 'Property test', `s${++key}`, now)),
                  )
                )?.transfer.id;
              } else {
                // The original payer's side proposes; the original payee's side accepts at once, or declines when a
                // limit refuses it.
                const proposed = await expectOutcome(d.reversible, () =>
                  tx((trx) => proposeReversal(trx, actorFor(d.payer), d.id, `v${++key}`, now)),
                );
                if (proposed) {
                  id = (
                    await expectOutcome(ok, () =>
                      tx((trx) => acceptTransfer(trx, actorFor(d.payee), proposed.transfer.id, now)),
                    )
                  )?.transfer.id;
                  if (!id) await tx((trx) => declineTransfer(trx, actorFor(d.payee), proposed.transfer.id, now));
                }
              }
              if (id) {
                move(d.payee, d.payer, d.amount);
                // Reversed once and never again; the reversal itself may be reversed in turn.
                d.reversible = false;
                done.push({ id, payer: d.payee, payee: d.payer, amount: d.amount, reversible: true });
              }
              break;
            }
          }
          expect(await balances()).toEqual(bal);
          const inv = await ledgerInvariants(ledger.db);
          for (const sum of inv.sums)
            expect(sum, `currency ${sum.currency_id}`).toEqual({
              currency_id: sum.currency_id,
              balances: 0,
              entries: 0,
            });
          expect(inv.outsideLimits).toBe(0);
          expect(inv.balancesNotEntries).toBe(0);
          expect(inv.transfersWithoutTheirEntries).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
