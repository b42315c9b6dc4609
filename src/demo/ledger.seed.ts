import type { DB } from '../db/database.js';
import { type DemoTrader, findActiveTraders, findCommunityCurrencyCode, findDemoGroup } from './demo.queries.js';
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

/** What every part of the demo's ledger shares: the transaction, the random stream, the people, the keys used. */
interface LedgerSeeding {
  trx: DB;
  now: Date;
  rand: () => number;
  pick: <T>(items: readonly T[]) => T;
  people: DemoTrader[];
  /** The community's own hours (DHR in Diss). */
  hours: string;
  /** A fresh idempotency key, and one more transfer counted as made. */
  nextKey: () => string;
  made: number;
}

type Completed = { id: string; payer: DemoTrader; payee: DemoTrader };

const actor = (p: { id: number; role: 'member' | 'steward' }): Actor => ({ id: p.id, role: p.role });

export async function seedDemoLedger(
  trx: DB,
  now: Date,
  options: { transfers?: number } = {},
): Promise<{ transfers: number }> {
  const rand = random(2026);
  let key = 0;
  const seeding: LedgerSeeding = {
    trx,
    now,
    rand,
    pick: (items) => items[Math.floor(rand() * items.length)]!,
    people: await findActiveTraders(trx),
    hours: await findCommunityCurrencyCode(trx),
    nextKey: () => `demo-${++key}`,
    made: 0,
  };
  const food = await seedFoodCurrency(seeding);
  const foodMembers = seeding.people.filter((p) => food?.members.some((m) => m.member_id === p.id));
  // The Diss demo tries 210; a smaller town fewer. The last 15 are left pending.
  const completed = await seedTrades(seeding, options.transfers ?? 210, foodMembers);
  await seedFeedback(seeding, completed);
  await seedFundPayments(seeding, food, foodMembers);
  await seedCorrections(seeding, completed);
  return { transfers: seeding.made };
}

/** The Food group's own currency, made by its admin; the group (with its members) when the town has one. */
async function seedFoodCurrency({ trx, now, people }: LedgerSeeding) {
  const food = await findDemoGroup(trx, 'food');
  const admin = food?.members.find((m) => m.role === 'admin');
  if (!food || !admin) return null;
  const input = currencySchema.parse({
    code: 'FOOD',
    name: 'Food Tokens',
    symbol: 'ft',
    counted_in: 'hundredths',
    lower_limit: '-30',
    upper_limit: '60',
    request_days: '14',
  });
  const by = actor(people.find((p) => p.id === admin.member_id)!);
  await createCurrency(trx, by, food.id, input, addMinutes(now, -130 * 24 * 60));
  return { ...food, adminId: admin.member_id };
}

// Written out as 120 * 24 * 60 where a share of it is taken: the same floating point, so the same demo times.
const FOUR_MONTHS_MINUTES = 120 * 24 * 60;

/** Payments and accepted requests over four months, oldest first; the last few days hold the pending requests. */
async function seedTrades(seeding: LedgerSeeding, tries: number, foodMembers: DemoTrader[]): Promise<Completed[]> {
  const { trx, now, rand, pick, people } = seeding;
  const completed: Completed[] = [];
  const start = addMinutes(now, -FOUR_MONTHS_MINUTES);
  for (let i = 0; i < tries; i++) {
    const at = addMinutes(start, Math.floor((i / tries) * 120 * 24 * 60));
    const inFood = foodMembers.length >= 2 && i % 5 === 0;
    const pool = inFood ? foodMembers : people;
    const payer = pick(pool);
    const payee = pick(pool.filter((p) => p.id !== payer.id));
    const amount = inFood
      ? `${1 + Math.floor(rand() * 8)}.${pick(['00', '50', '25'])}`
      : `${Math.floor(rand() * 3)}:${pick(['15', '30', '45'])}`;
    const currency = inFood ? 'FOOD' : seeding.hours;
    const base = { amount, currency, description: pick(WHAT), listing_id: '', idempotency_key: seeding.nextKey() };
    const recent = i >= tries - 15;
    try {
      if (i % 4 === 0 || recent) {
        const asked = { ...base, from: payer.handle, as_group: '' };
        const { transfer } = await requestPayment(trx, actor(payee), asked, at);
        seeding.made++;
        if (recent) continue; // left pending for the demo
        await acceptTransfer(trx, actor(payer), transfer.id, addMinutes(at, 90));
        completed.push({ id: transfer.id, payer, payee });
      } else {
        const { transfer } = await pay(trx, actor(payer), { ...base, to: payee.handle, as_group: '' }, at);
        seeding.made++;
        completed.push({ id: transfer.id, payer, payee });
      }
    } catch (error) {
      // A demo member at their limit simply does not trade this time, as in life.
      if (!isOverLimit(error)) throw error;
    }
  }
  return completed;
}

/** Feedback on about a third of the completed transfers, by one side or both. */
async function seedFeedback({ trx, now, rand, pick }: LedgerSeeding, completed: Completed[]): Promise<void> {
  const start = addMinutes(now, -FOUR_MONTHS_MINUTES);
  for (const [n, t] of completed.entries()) {
    if (n % 3 !== 0) continue;
    const at = addMinutes(start, Math.floor((n / completed.length) * 120 * 24 * 60) + 240);
    const rating = rand() < 0.85 ? 'positive' : rand() < 0.7 ? 'neutral' : 'negative';
    await leaveFeedback(trx, actor(t.payer), t.id, { rating, comment: pick(PRAISE) }, at);
    if (n % 2 === 0) await leaveFeedback(trx, actor(t.payee), t.id, { rating: 'positive', comment: pick(PRAISE) }, at);
  }
}

/**
 * The community's fund, run by the stewards, thanks three volunteers; members chip in to it, and one buys a veg box
 * from the Food group, paid into its fund (with feedback both ways).
 */
async function seedFundPayments(
  seeding: LedgerSeeding,
  food: { adminId: number } | null,
  foodMembers: DemoTrader[],
): Promise<void> {
  const { trx, now, people, hours } = seeding;
  const steward = people.find((p) => p.role === 'steward')!;
  const volunteers = people.filter((p) => p.role !== 'steward');
  for (const volunteer of volunteers.slice(0, 3)) {
    const thanks = { to: volunteer.handle, amount: '2:00', currency: hours, listing_id: '' };
    const description = 'Thank you for running the repair café';
    const input = { ...thanks, description, idempotency_key: seeding.nextKey(), as_group: 'community' };
    await pay(trx, actor(steward), input, addMinutes(now, -3 * 24 * 60));
    seeding.made++;
  }
  for (const giver of volunteers.slice(3, 7)) {
    const chipIn = { to: `${FUND_PREFIX}community`, amount: '1:00', currency: hours };
    await tryToPay(seeding, giver, { ...chipIn, description: 'Towards the Christmas lights' }, -5);
  }
  const buyer = foodMembers.find((p) => p.id !== food?.adminId);
  if (!food || !buyer) return;
  const box = { to: `${FUND_PREFIX}food`, amount: '6.50', currency: 'FOOD', description: 'Veg box from the co-op' };
  const vegBox = await tryToPay(seeding, buyer, box, -4);
  if (!vegBox) return;
  const at = addMinutes(now, -3 * 24 * 60);
  await leaveFeedback(trx, actor(buyer), vegBox.id, { rating: 'positive', comment: 'Lovely fresh veg.' }, at);
  const admin = actor(people.find((p) => p.id === food.adminId)!);
  await leaveFeedback(trx, admin, vegBox.id, { rating: 'positive', comment: 'Collected on time, thank you.' }, at);
}

/** A payment `daysAgo` days before the demo's now, or null when the payer is at their limit (as in the trades). */
async function tryToPay(
  seeding: LedgerSeeding,
  payer: DemoTrader,
  input: Omit<PaymentInput, 'listing_id' | 'idempotency_key' | 'as_group'>,
  daysAgo: number,
) {
  const full = { ...input, listing_id: '', idempotency_key: seeding.nextKey(), as_group: '' };
  try {
    const { transfer } = await pay(seeding.trx, actor(payer), full, addMinutes(seeding.now, daysAgo * 24 * 60));
    seeding.made++;
    return transfer;
  } catch (error) {
    if (!isOverLimit(error)) throw error;
    return null;
  }
}

/** One correction by a steward, and one reversal a member has proposed and is waiting on. */
async function seedCorrections(seeding: LedgerSeeding, completed: Completed[]): Promise<void> {
  const { trx, now, people } = seeding;
  const steward = people.find((p) => p.role === 'steward')!;
  const [wrong, proposed] = completed.slice(-12);
  if (wrong) {
    const reason = 'Paid the wrong Sue: corrected at their request.';
    await stewardReversal(trx, actor(steward), wrong.id, reason, seeding.nextKey(), addMinutes(now, -2 * 24 * 60));
  }
  if (proposed)
    await proposeReversal(trx, actor(proposed.payer), proposed.id, seeding.nextKey(), addMinutes(now, -24 * 60));
}

/** A payment refused because the payer is at their limit: a demo member at their limit does not trade this time. */
function isOverLimit(error: unknown): boolean {
  return error instanceof Conflict;
}
