import type { DB } from '../db/database.js';
import { Conflict } from '../lib/errors.js';
import { addMinutes } from '../lib/time.js';
import { createCurrency, currencySchema } from '../ledger/currencies.js';
import { leaveFeedback } from '../ledger/feedback.js';
import type { Actor } from '../ledger/ledger.js';
import { acceptTransfer } from '../ledger/decisions.js';
import { FUND_PREFIX, pay, requestPayment, type PaymentInput } from '../ledger/transfers.js';
import { proposeReversal, stewardReversal } from '../ledger/reversals.js';

/**
 * The demo's ledger: a group currency beside the community's Diss Hours, and
 * about 200 transfers among the demo members over four months, made through
 * the same use cases as the app (so every limit holds), some requests still
 * pending, one reversal by a steward, one proposed by a party, payments from
 * the community's fund and into it, a veg box paid to the Food group's fund
 * (with feedback both ways), and feedback.
 * A fixed pseudo-random sequence keeps every demo the same.
 */

const WHAT = [
  'Gardening help',
  'Lift to Diss station',
  'Bike repair',
  'Two loaves',
  'Dog walking',
  'Sewing repair',
  'Jam and chutney',
  'Computer help',
  'Hedge trimming',
  'Eggs for the week',
  'Childminding',
  'Honey',
  'Ironing',
  'Lift to Norwich',
  'Seedlings',
  'Putting up shelves',
  'English lessons',
  'Veg box',
  'Shopping for a neighbour',
  'Fixing a lamp',
  'Cake for the party',
  'Chopping firewood',
  'Tuning a guitar',
  'Cleaning windows',
];
const PRAISE = [
  'Brilliant, thank you!',
  'On time and friendly.',
  'Would trade again.',
  'Lovely work.',
  '',
  'Very helpful.',
  'Fine, a bit late.',
  '',
];

/** A small deterministic generator (mulberry32): the demo must be the same every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoLedger(
  trx: DB,
  now: Date,
  options: { transfers?: number } = {},
): Promise<{ transfers: number }> {
  // The Diss demo tries 210; a smaller town fewer. The last 15 are left pending.
  const tries = options.transfers ?? 210;
  const rand = random(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const people = await trx
    .selectFrom('members')
    .select(['id', 'handle', 'role'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const actor = (p: { id: number; role: 'member' | 'steward' }): Actor => ({ id: p.id, role: p.role });
  const steward = people.find((p) => p.role === 'steward')!;
  // The community's own hours, made at setup and named after the town (DHR in Diss).
  const hours = (
    await trx
      .selectFrom('currencies')
      .innerJoin('groups', 'groups.id', 'currencies.group_id')
      .select('currencies.code')
      .where('groups.parent_id', 'is', null)
      .orderBy('currencies.id')
      .executeTakeFirstOrThrow()
  ).code;

  // The Food group's own currency, made by its admin.
  const food = await trx.selectFrom('groups').select('id').where('slug', '=', 'food').executeTakeFirst();
  const foodPeople = food
    ? await trx
        .selectFrom('group_members')
        .select(['member_id', 'role'])
        .where('group_id', '=', food.id)
        .where('status', '=', 'active')
        .execute()
    : [];
  const foodAdmin = foodPeople.find((m) => m.role === 'admin');
  if (food && foodAdmin) {
    const input = currencySchema.parse({
      code: 'FOOD',
      name: 'Food Tokens',
      symbol: 'ft',
      counted_in: 'hundredths',
      lower_limit: '-30',
      upper_limit: '60',
      request_days: '14',
    });
    await createCurrency(
      trx,
      actor(people.find((p) => p.id === foodAdmin.member_id)!),
      food.id,
      input,
      addMinutes(now, -130 * 24 * 60),
    );
  }
  const foodMembers = people.filter((p) => foodPeople.some((m) => m.member_id === p.id));

  let made = 0;
  let key = 0;
  const completed: { id: string; payer: (typeof people)[number]; payee: (typeof people)[number] }[] = [];
  const start = addMinutes(now, -120 * 24 * 60);
  for (let i = 0; i < tries; i++) {
    // Spread over four months, oldest first; the last few days hold the pending requests.
    const at = addMinutes(start, Math.floor((i / tries) * 120 * 24 * 60));
    const inFood = foodMembers.length >= 2 && i % 5 === 0;
    const pool = inFood ? foodMembers : people;
    const payer = pick(pool);
    const payee = pick(pool.filter((p) => p.id !== payer.id));
    const amount = inFood
      ? `${1 + Math.floor(rand() * 8)}.${pick(['00', '50', '25'])}`
      : `${Math.floor(rand() * 3)}:${pick(['15', '30', '45'])}`;
    const base = {
      amount,
      currency: inFood ? 'FOOD' : hours,
      description: pick(WHAT),
      listing_id: '',
      idempotency_key: `demo-${++key}`,
      as_group: '',
    };
    const recent = i >= tries - 15;
    try {
      if (i % 4 === 0 || recent) {
        const { transfer } = await requestPayment(trx, actor(payee), { ...base, from: payer.handle }, at);
        made++;
        if (recent) continue; // left pending for the demo
        await acceptTransfer(trx, actor(payer), transfer.id, addMinutes(at, 90));
        completed.push({ id: transfer.id, payer, payee });
      } else {
        const { transfer } = await pay(trx, actor(payer), { ...base, to: payee.handle }, at);
        made++;
        completed.push({ id: transfer.id, payer, payee });
      }
    } catch (error) {
      // A demo member at their limit simply does not trade this time, as in life.
      if (!isOverLimit(error)) throw error;
    }
  }

  // Feedback on about a third of the completed transfers, by one side or both.
  for (const [n, t] of completed.entries()) {
    if (n % 3 !== 0) continue;
    const at = addMinutes(start, Math.floor((n / completed.length) * 120 * 24 * 60) + 240);
    const rating = rand() < 0.85 ? 'positive' : rand() < 0.7 ? 'neutral' : 'negative';
    await leaveFeedback(trx, actor(t.payer), t.id, { rating, comment: pick(PRAISE) }, at);
    if (n % 2 === 0) await leaveFeedback(trx, actor(t.payee), t.id, { rating: 'positive', comment: pick(PRAISE) }, at);
  }

  // The community's fund, run by the stewards, thanks three volunteers.
  for (const volunteer of people.filter((p) => p.role !== 'steward').slice(0, 3)) {
    await pay(
      trx,
      actor(steward),
      {
        to: volunteer.handle,
        amount: '2:00',
        currency: hours,
        description: 'Thank you for running the repair café',
        listing_id: '',
        idempotency_key: `demo-${++key}`,
        as_group: 'community',
      },
      addMinutes(now, -3 * 24 * 60),
    );
    made++;
  }

  // Members chip in to the community's fund, and buy a veg box from the Food group, paid into its fund.
  const tryToPay = async (
    payer: (typeof people)[number],
    input: Omit<PaymentInput, 'listing_id' | 'idempotency_key' | 'as_group'>,
    at: Date,
  ) => {
    try {
      const { transfer } = await pay(
        trx,
        actor(payer),
        { ...input, listing_id: '', idempotency_key: `demo-${++key}`, as_group: '' },
        at,
      );
      made++;
      return transfer;
    } catch (error) {
      if (!isOverLimit(error)) throw error;
      return null; // at their limit, as above
    }
  };
  for (const giver of people.filter((p) => p.role !== 'steward').slice(3, 7)) {
    await tryToPay(
      giver,
      { to: `${FUND_PREFIX}community`, amount: '1:00', currency: hours, description: 'Towards the Christmas lights' },
      addMinutes(now, -5 * 24 * 60),
    );
  }
  const buyer = foodMembers.find((p) => p.id !== foodAdmin?.member_id);
  if (food && foodAdmin && buyer) {
    const vegBox = await tryToPay(
      buyer,
      { to: `${FUND_PREFIX}food`, amount: '6.50', currency: 'FOOD', description: 'Veg box from the co-op' },
      addMinutes(now, -4 * 24 * 60),
    );
    if (vegBox) {
      await leaveFeedback(
        trx,
        actor(buyer),
        vegBox.id,
        { rating: 'positive', comment: 'Lovely fresh veg.' },
        addMinutes(now, -3 * 24 * 60),
      );
      await leaveFeedback(
        trx,
        actor(people.find((p) => p.id === foodAdmin.member_id)!),
        vegBox.id,
        { rating: 'positive', comment: 'Collected on time, thank you.' },
        addMinutes(now, -3 * 24 * 60),
      );
    }
  }

  // One correction by a steward, and one reversal a member has proposed and is waiting on.
  const [wrong, proposed] = completed.slice(-12);
  if (wrong)
    await stewardReversal(
      trx,
      actor(steward),
      wrong.id,
      'Paid the wrong Sue: corrected at their request.',
      `demo-${++key}`,
      addMinutes(now, -2 * 24 * 60),
    );
  if (proposed)
    await proposeReversal(trx, actor(proposed.payer), proposed.id, `demo-${++key}`, addMinutes(now, -24 * 60));
  return { transfers: made };
}

/** A payment refused because the payer is at their limit: a demo member at their limit does not trade this time. */
function isOverLimit(error: unknown): boolean {
  return error instanceof Conflict;
}
