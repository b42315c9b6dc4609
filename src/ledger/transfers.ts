import crypto from 'node:crypto';
import { z } from 'zod';
import type { DB, TransferKind } from '../db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import { optionalText, requiredText } from '../http/forms.js';
import { addDays, iso } from '../lib/time.js';
import { MAX_AMOUNT, parseAmount } from './amounts.js';
import {
  checkCompletion,
  checkShape,
  requireAwaiting,
  requireReversible,
  requireSameRequest,
  type Actor,
  type Currency,
  type Holder,
  type Transfer,
} from './ledger.js';
import {
  decideTransfer,
  findAccountById,
  findCurrencyByCode,
  findCurrencyById,
  findHolders,
  findLiveReversalOf,
  findTransfer,
  findTransferByKey,
  insertTransfer,
  listingExists,
  mayHoldCurrency,
  openAccounts,
  findTraderByHandle,
  type NewTransfer,
} from './ledger.queries.js';

/**
 * The ledger's use cases. Each runs inside the caller's `BEGIN IMMEDIATE`
 * transaction (`immediateTransaction` in the route or command), so what it
 * reads (balances, limits, states) cannot change before it writes.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A handle as people type it: "@Jo-Smith" means jo-smith. */
const handleField = (label: string) =>
  requiredText(label, 60).transform((h) => h.replace(/^@/, '').toLowerCase());

/** A typed amount ("1:30") or, from the API, a whole number of minor units. */
const amountField = z.union([
  z.string({ error: 'Amount must be text such as "1:30" or a whole number of minor units.' }).max(40, 'Amount can be at most 40 characters.'),
  z.number().int('Amount in minor units must be a whole number.').min(1, 'Amount must be more than zero.').max(MAX_AMOUNT, `Amount can be at most ${MAX_AMOUNT} minor units.`),
], { error: 'Amount must be text such as "1:30" or a whole number of minor units.' });

const common = {
  amount: amountField,
  currency: requiredText('Currency', 8),
  description: requiredText('Description', 500),
  listing_id: optionalText('Listing', 36).refine((s) => s === '' || UUID.test(s), 'Listing must be the id of a listing.'),
  idempotency_key: requiredText('Idempotency key', 100),
  /** The slug of a group whose fund pays (or is paid), for its admins; empty for the member's own account. */
  as_group: optionalText('Group fund', 80),
};

export const paymentSchema = z.object({ to: handleField('To'), ...common });
export const requestSchema = z.object({ from: handleField('From'), ...common });
export type PaymentInput = z.output<typeof paymentSchema>;
export type RequestInput = z.output<typeof requestSchema>;

export interface TransferOutcome {
  transfer: Transfer;
  /** True when the idempotency key named a transfer made before: nothing new was written. */
  replayed: boolean;
}

function resolveAmount(amount: string | number, currency: Currency): number {
  if (typeof amount === 'number') return amount;
  const parsed = parseAmount(amount, currency.scale);
  if (!parsed.ok) throw new ValidationError({ amount: parsed.message });
  return parsed.minor;
}

async function currencyFor(trx: DB, code: string): Promise<Currency> {
  const currency = await findCurrencyByCode(trx, code);
  if (!currency) throw new ValidationError({ currency: 'There is no currency with that code here.' });
  return currency;
}

/** The other member, by handle: active, not the actor, and able to hold the currency. */
async function counterpartyFor(trx: DB, field: 'to' | 'from', handle: string, actor: Actor, currency: Currency): Promise<number> {
  const member = await findTraderByHandle(trx, handle);
  if (!member || member.status !== 'active') throw new ValidationError({ [field]: 'There is no active member with that handle.' });
  if (member.id === actor.id) throw new ValidationError({ [field]: field === 'to' ? 'You cannot pay yourself.' : 'You cannot ask yourself for a payment.' });
  if (!(await mayHoldCurrency(trx, currency, member.id))) throw new ValidationError({ [field]: `${member.displayName} does not use ${currency.name}: it belongs to a group they are not in.` });
  return member.id;
}

async function checkListing(trx: DB, listingId: string): Promise<string | null> {
  if (listingId === '') return null;
  if ((await listingExists(trx, listingId)) === false) throw new ValidationError({ listing_id: 'There is no listing with that id.' });
  return listingId;
}

interface Prepared {
  currency: Currency;
  amount: number;
  payer: Holder;
  payee: Holder;
  listingId: string | null;
  existing: Transfer | null;
}

/** What paying and requesting share: the currency, the amount, both accounts (opened on first use) and any earlier transfer with the same key. */
async function prepare(trx: DB, actor: Actor, kind: TransferKind, input: PaymentInput | RequestInput, now: Date): Promise<Prepared> {
  const currency = await currencyFor(trx, input.currency);
  const amount = resolveAmount(input.amount, currency);
  if (!input.as_group && !(await mayHoldCurrency(trx, currency, actor.id))) throw new ValidationError({ currency: `${currency.name} belongs to a group you are not in.` });
  const other = 'to' in input ? await counterpartyFor(trx, 'to', input.to, actor, currency) : await counterpartyFor(trx, 'from', input.from, actor, currency);
  const listingId = await checkListing(trx, input.listing_id);
  const [mine, theirs] = await openAccounts(trx, currency, [input.as_group ? { groupId: await groupIdFor(trx, input.as_group) } : { memberId: actor.id }, { memberId: other }], now);
  const [payer, payee] = kind === 'payment' ? [mine, theirs] : [theirs, mine];
  const existing = await findTransferByKey(trx, actor.id, input.idempotency_key, now);
  if (existing) requireSameRequest(existing, { kind, amount, payerAccountId: payer!.id, payeeAccountId: payee!.id });
  const [payerHolder, payeeHolder] = await findHolders(trx, [payer!, payee!]);
  if (input.as_group && !(kind === 'payment' ? payerHolder! : payeeHolder!).actsFor(actor)) throw new ValidationError({ as_group: "Only the group's admins can use its fund." });
  return { currency, amount, payer: payerHolder!, payee: payeeHolder!, listingId, existing };
}

/** The group whose fund is used; only its admins (the stewards, for the community's) may use it, checked with the holders. */
async function groupIdFor(trx: DB, slug: string): Promise<number> {
  const group = await trx.selectFrom('groups').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!group) throw new ValidationError({ as_group: 'There is no group with that address.' });
  return group.id;
}

function newTransfer(fields: Omit<NewTransfer, 'id' | 'created_at' | 'reason' | 'reverses_id' | 'listing_id' | 'expires_at'> & Partial<NewTransfer>, now: Date): NewTransfer {
  return { id: crypto.randomUUID(), created_at: iso(now), reason: null, reverses_id: null, listing_id: null, expires_at: null, ...fields };
}

async function stored(trx: DB, id: string, now: Date): Promise<Transfer> {
  return (await findTransfer(trx, id, now))!;
}


/** Pay: completes at once when both accounts stay within their limits. */
export async function pay(trx: DB, actor: Actor, input: PaymentInput, now: Date): Promise<TransferOutcome> {
  const p = await prepare(trx, actor, 'payment', input, now);
  if (p.existing) return { transfer: p.existing, replayed: true };
  checkCompletion(p.payer, p.payee, p.amount, p.currency);
  const row = newTransfer(
    { currency_id: p.currency.id, payer_account_id: p.payer.account.id, payee_account_id: p.payee.account.id, amount: p.amount, kind: 'payment', state: 'completed', awaiting_account_id: null, description: input.description, listing_id: p.listingId, created_by: actor.id, idempotency_key: input.idempotency_key },
    now,
  );
  return { transfer: await insertTransfer(trx, row), replayed: false };
}

/** Request (a bill): pending until the payer accepts or declines, or it expires after the currency's `requestDays`. */
export async function requestPayment(trx: DB, actor: Actor, input: RequestInput, now: Date): Promise<TransferOutcome> {
  const p = await prepare(trx, actor, 'request', input, now);
  if (p.existing) return { transfer: p.existing, replayed: true };
  checkShape(p.payer.account, p.payee.account, p.amount);
  if (p.payee.account.frozenReason !== null) throw new ConflictError(`Your account is frozen by the stewards: ${p.payee.account.frozenReason}`);
  const row = newTransfer(
    {
      currency_id: p.currency.id, payer_account_id: p.payer.account.id, payee_account_id: p.payee.account.id, amount: p.amount, kind: 'request', state: 'pending',
      awaiting_account_id: p.payer.account.id, description: input.description, listing_id: p.listingId, created_by: actor.id, idempotency_key: input.idempotency_key,
      expires_at: iso(addDays(now, p.currency.requestDays)),
    },
    now,
  );
  return { transfer: await insertTransfer(trx, row), replayed: false };
}

async function holdersOf(trx: DB, payerAccountId: number, payeeAccountId: number): Promise<Holder[]> {
  return findHolders(trx, [(await findAccountById(trx, payerAccountId))!, (await findAccountById(trx, payeeAccountId))!]);
}

async function holderOf(trx: DB, accountId: number | null): Promise<Holder | null> {
  return accountId === null ? null : (await findHolders(trx, [(await findAccountById(trx, accountId))!]))[0]!;
}

async function transferFor(trx: DB, id: string, now: Date): Promise<Transfer> {
  const transfer = UUID.test(id) ? await findTransfer(trx, id, now) : null;
  if (!transfer) throw new NotFoundError('There is no such transfer.');
  return transfer;
}

/** Accept a pending request or proposed reversal: the limits are checked now, at completion. */
export async function acceptTransfer(trx: DB, actor: Actor, id: string, now: Date): Promise<Transfer> {
  const transfer = await transferFor(trx, id, now);
  const awaiting = await holderOf(trx, transfer.awaitingAccountId);
  requireAwaiting(transfer, awaiting, actor);
  const [payer, payee] = await holdersOf(trx, transfer.payerAccountId, transfer.payeeAccountId);
  const currency = (await findCurrencyById(trx, transfer.currencyId))!;
  checkCompletion(payer, payee, transfer.amount, currency);
  await decideTransfer(trx, transfer, 'completed', actor.id, now);
  return stored(trx, id, now);
}

export async function declineTransfer(trx: DB, actor: Actor, id: string, now: Date): Promise<Transfer> {
  const transfer = await transferFor(trx, id, now);
  const awaiting = await holderOf(trx, transfer.awaitingAccountId);
  requireAwaiting(transfer, awaiting, actor);
  await decideTransfer(trx, transfer, 'declined', actor.id, now);
  return stored(trx, id, now);
}

/**
 * A party proposes to undo a completed transfer: a new transfer the other
 * way, pending until the other party accepts it (limits checked then).
 */
export async function proposeReversal(trx: DB, actor: Actor, id: string, idempotencyKey: string, now: Date): Promise<TransferOutcome> {
  const original = await transferFor(trx, id, now);
  const [payer, payee] = await holdersOf(trx, original.payerAccountId, original.payeeAccountId);
  const onPayerSide = payer.actsFor(actor);
  if (!onPayerSide && !payee.actsFor(actor)) throw new ForbiddenError('Only the two parties can propose to reverse a transfer.');
  const replay = await reversalReplay(trx, actor, original, idempotencyKey, now);
  if (replay) return replay;
  const currency = (await findCurrencyById(trx, original.currencyId))!;
  const row = newTransfer(
    {
      currency_id: original.currencyId, payer_account_id: original.payeeAccountId, payee_account_id: original.payerAccountId, amount: original.amount, kind: 'reversal', state: 'pending',
      awaiting_account_id: onPayerSide ? original.payeeAccountId : original.payerAccountId, description: `Reversal of: ${original.description}`.slice(0, 500),
      reverses_id: original.id, created_by: actor.id, idempotency_key: idempotencyKey, expires_at: iso(addDays(now, currency.requestDays)),
    },
    now,
  );
  return { transfer: await insertTransfer(trx, row), replayed: false };
}

/** A steward corrects a transfer at once, with a reason; the reversal still keeps within both accounts' limits. */
export async function stewardReversal(trx: DB, steward: Actor, id: string, reason: string, idempotencyKey: string, now: Date): Promise<TransferOutcome> {
  if (steward.role !== 'steward') throw new ForbiddenError('Only stewards can reverse a transfer on their own authority.');
  const original = await transferFor(trx, id, now);
  const replay = await reversalReplay(trx, steward, original, idempotencyKey, now);
  if (replay) return replay;
  const [payer, payee] = await holdersOf(trx, original.payeeAccountId, original.payerAccountId);
  const currency = (await findCurrencyById(trx, original.currencyId))!;
  checkCompletion(payer, payee, original.amount, currency);
  const row = newTransfer(
    {
      currency_id: original.currencyId, payer_account_id: original.payeeAccountId, payee_account_id: original.payerAccountId, amount: original.amount, kind: 'reversal', state: 'completed',
      awaiting_account_id: null, description: `Reversal of: ${original.description}`.slice(0, 500), reverses_id: original.id, reason, created_by: steward.id, idempotency_key: idempotencyKey,
    },
    now,
  );
  return { transfer: await insertTransfer(trx, row), replayed: false };
}

/** The same key again returns the reversal it made; otherwise the original must still be reversible. */
async function reversalReplay(trx: DB, actor: Actor, original: Transfer, idempotencyKey: string, now: Date): Promise<TransferOutcome | null> {
  const existing = await findTransferByKey(trx, actor.id, idempotencyKey, now);
  if (existing) {
    requireSameRequest(existing, { kind: 'reversal', amount: original.amount, payerAccountId: original.payeeAccountId, payeeAccountId: original.payerAccountId });
    return { transfer: existing, replayed: true };
  }
  requireReversible(original);
  const live = await findLiveReversalOf(trx, original.id, now);
  if (live && live.state !== 'expired') throw new ConflictError(live.state === 'completed' ? 'This transfer has already been reversed.' : 'A reversal of this transfer is already waiting to be accepted.');
  if (live) await decideTransfer(trx, live, 'declined', actor.id, now); // an expired proposal makes way for a new one
  return null;
}
