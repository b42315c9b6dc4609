import crypto from 'node:crypto';
import { z } from 'zod';
import type { DB } from '../db/database.js';
import type { TransferKind } from './ledger.table.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import { ValidationError } from '../http/errors.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { optionalText, requiredText } from '../lib/fields.js';
import { addDays, iso } from '../lib/time.js';
import { findListing, listingViewerOf } from '../listings/listings.queries.js';
import { amountField, toMinorUnits } from './amounts.js';
import {
  checkCompletion,
  checkShape,
  requireAwaiting,
  requireReversible,
  requireSameRequest,
  type Actor,
  type Currency,
  type Holder,
  type HolderRef,
  type Party,
  type Transfer,
} from './ledger.js';
import {
  decideTransfer,
  findCurrencyByCode,
  findCurrencyById,
  findGroupBySlug,
  findHoldersOf,
  findLiveReversalOf,
  findTransfer,
  findTransferByKey,
  insertTransfer,
  mayHoldCurrency,
  openHolders,
  findTraderByHandle,
  type NewTransfer,
} from './ledger.queries.js';

/**
 * The ledger's use cases. Each runs inside the caller's `BEGIN IMMEDIATE`
 * transaction (`immediateTransaction` in the route or command), so what it
 * reads (balances, limits, states) cannot change before it writes.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How a group's fund is named wherever a member's handle could go (`"to": "group:repair-cafe"`): no handle has a colon.
 */
export const FUND_PREFIX = 'group:';

/** The other party as people type it: a handle ("@Jo-Smith" means jo-smith) or a group's fund ("group:repair-cafe"). */
const counterpartyField = (label: string) =>
  requiredText(label, 80).transform((h) => h.replace(/^@/, '').toLowerCase());

const common = {
  amount: amountField(),
  currency: requiredText('Currency', 8),
  description: requiredText('Description', 500),
  listing_id: optionalText('Listing', 36).refine(
    (s) => s === '' || UUID.test(s),
    'Listing must be the id of a listing.',
  ),
  idempotency_key: requiredText('Idempotency key', 100),
  /** The slug of a group whose fund pays (or is paid), for its admins; empty for the member's own account. */
  as_group: optionalText('Group fund', 80),
};

export const paymentSchema = z.object({ to: counterpartyField('To'), ...common });
export const requestSchema = z.object({ from: counterpartyField('From'), ...common });
export type PaymentInput = z.output<typeof paymentSchema>;
export type RequestInput = z.output<typeof requestSchema>;

export interface TransferOutcome {
  transfer: Transfer;
  /** True when the idempotency key named a transfer made before: nothing new was written. */
  replayed: boolean;
  /** What the use case already read, so an answer can name both sides without reading the transfer again. */
  currency: Currency;
  payer: HolderRef;
  payee: HolderRef;
}

function resolveAmount(amount: string | number, currency: Currency): number {
  const parsed = toMinorUnits(amount, currency.scale);
  if (!parsed.ok) throw new ValidationError({ amount: parsed.message });
  return parsed.minor;
}

async function currencyFor(trx: DB, code: string): Promise<Currency> {
  const currency = await findCurrencyByCode(trx, code);
  if (!currency) throw new Invalid({ currency: msg('ledger.errors.noCurrency') });
  return currency;
}

/**
 * The actor's own side: their account, or the fund of the group named in `as_group` (whether they run it is checked
 * with the holders).
 */
async function ownParty(trx: DB, actor: Actor, asGroup: string, currency: Currency): Promise<Party> {
  if (!asGroup) {
    if (!(await mayHoldCurrency(trx, currency, { memberId: actor.id })))
      throw new Invalid({ currency: msg('ledger.errors.currencyOfGroup', { currency: currency.name }) });
    return { memberId: actor.id };
  }
  const group = await findGroupBySlug(trx, asGroup);
  if (!group) throw new Invalid({ as_group: msg('ledger.errors.noGroup') });
  if (!(await mayHoldCurrency(trx, currency, { groupId: group.id })))
    throw new Invalid({
      currency: msg('ledger.errors.fundCurrency', { name: group.name, currency: currency.name }),
    });
  return { groupId: group.id };
}

const sameParty = (a: Party, b: Party) =>
  ('memberId' in a && 'memberId' in b && a.memberId === b.memberId) ||
  ('groupId' in a && 'groupId' in b && a.groupId === b.groupId);

/**
 * The other party, as typed: an active member by handle, or the fund of a
 * group the actor may see ("group:<slug>"; a group hidden from them answers
 * as one that does not exist). It must be able to hold the currency, and must
 * not be the actor's own side: an admin may pay themselves from a fund they
 * run (it shows on the fund's statement), but no account pays itself.
 */
async function counterpartyFor(
  trx: DB,
  field: 'to' | 'from',
  typed: string,
  actor: Actor,
  own: Party,
  currency: Currency,
): Promise<Party> {
  const refuse = (message: string) => new ValidationError({ [field]: message });
  const verb = field === 'to' ? 'pay' : 'ask for a payment from';
  if (typed.startsWith(FUND_PREFIX)) {
    const group = (await findVisibleGroups(trx, actor)).find(typed.slice(FUND_PREFIX.length));
    if (!group) throw refuse('There is no group with that address, or it is not open to you.');
    const fund: Party = { groupId: group.id };
    if (sameParty(fund, own)) throw refuse(`A fund cannot ${verb} itself.`);
    if (!(await mayHoldCurrency(trx, currency, fund)))
      throw refuse(
        `The fund of ${group.name} does not use ${currency.name}: a group's fund uses the community's currencies and its own.`,
      );
    return fund;
  }
  const member = await findTraderByHandle(trx, typed);
  if (member?.status !== 'active') throw refuse('There is no active member with that handle.');
  const other: Party = { memberId: member.id };
  if (sameParty(other, own))
    throw refuse(field === 'to' ? 'You cannot pay yourself.' : 'You cannot ask yourself for a payment.');
  if (!(await mayHoldCurrency(trx, currency, other)))
    throw refuse(`${member.displayName} does not use ${currency.name}: it belongs to a group they are not in.`);
  return other;
}

/**
 * A listing the transfer is for: one the actor may see, so a hidden listing answers as one that does not exist (and its
 * id never rides on a payment).
 */
async function checkListing(trx: DB, actor: Actor, listingId: string, now: Date): Promise<string | null> {
  if (listingId === '') return null;
  if (!(await findListing(trx, listingId, await listingViewerOf(trx, actor), now)))
    throw new Invalid({ listing_id: msg('ledger.errors.noListing') });
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

/**
 * What paying and requesting share: the currency, the amount, both accounts (opened on first use) and any earlier
 * transfer with the same key.
 */
async function prepare(
  trx: DB,
  actor: Actor,
  kind: TransferKind,
  input: PaymentInput | RequestInput,
  now: Date,
): Promise<Prepared> {
  const currency = await currencyFor(trx, input.currency);
  const amount = resolveAmount(input.amount, currency);
  const own = await ownParty(trx, actor, input.as_group, currency);
  const other =
    'to' in input
      ? await counterpartyFor(trx, 'to', input.to, actor, own, currency)
      : await counterpartyFor(trx, 'from', input.from, actor, own, currency);
  const listingId = await checkListing(trx, actor, input.listing_id, now);
  const [mine, theirs] = await openHolders(trx, currency, [own, other], now);
  if (input.as_group && !mine!.actsFor(actor)) throw new Invalid({ as_group: msg('ledger.errors.adminsOnly') });
  const [payer, payee] = kind === 'payment' ? [mine!, theirs!] : [theirs!, mine!];
  const existing = await findTransferByKey(trx, actor.id, input.idempotency_key, now);
  if (existing)
    requireSameRequest(existing, {
      kind,
      amount,
      payerAccountId: payer.account.id,
      payeeAccountId: payee.account.id,
      reversesId: null,
    });
  return { currency, amount, payer, payee, listingId, existing };
}

function outcome(
  transfer: Transfer,
  replayed: boolean,
  currency: Currency,
  payer: Holder,
  payee: Holder,
): TransferOutcome {
  return { transfer, replayed, currency, payer: payer.ref, payee: payee.ref };
}

function newTransfer(
  fields: Omit<NewTransfer, 'id' | 'created_at' | 'reason' | 'reverses_id' | 'listing_id' | 'expires_at'> &
    Partial<NewTransfer>,
  now: Date,
): NewTransfer {
  return {
    id: crypto.randomUUID(),
    created_at: iso(now),
    reason: null,
    reverses_id: null,
    listing_id: null,
    expires_at: null,
    ...fields,
  };
}

async function stored(trx: DB, id: string, now: Date): Promise<Transfer> {
  return (await findTransfer(trx, id, now))!;
}

/** Pay: completes at once when both accounts stay within their limits. */
export async function pay(trx: DB, actor: Actor, input: PaymentInput, now: Date): Promise<TransferOutcome> {
  const p = await prepare(trx, actor, 'payment', input, now);
  if (p.existing) return outcome(p.existing, true, p.currency, p.payer, p.payee);
  checkCompletion(p.payer, p.payee, p.amount, p.currency);
  const row = newTransfer(
    {
      currency_id: p.currency.id,
      payer_account_id: p.payer.account.id,
      payee_account_id: p.payee.account.id,
      amount: p.amount,
      kind: 'payment',
      state: 'completed',
      awaiting_account_id: null,
      description: input.description,
      listing_id: p.listingId,
      created_by: actor.id,
      idempotency_key: input.idempotency_key,
    },
    now,
  );
  return outcome(await insertTransfer(trx, row), false, p.currency, p.payer, p.payee);
}

/** Request (a bill): pending until the payer accepts or declines, or it expires after the currency's `requestDays`. */
export async function requestPayment(trx: DB, actor: Actor, input: RequestInput, now: Date): Promise<TransferOutcome> {
  const p = await prepare(trx, actor, 'request', input, now);
  if (p.existing) return outcome(p.existing, true, p.currency, p.payer, p.payee);
  checkShape(p.payer.account, p.payee.account, p.amount);
  if (p.payee.account.frozenReason !== null)
    throw new Conflict(
      msg('ledger.errors.frozen', {
        whose: p.payee.account.groupId === null ? 'your' : 'fund',
        reason: p.payee.account.frozenReason,
      }),
    );
  const row = newTransfer(
    {
      currency_id: p.currency.id,
      payer_account_id: p.payer.account.id,
      payee_account_id: p.payee.account.id,
      amount: p.amount,
      kind: 'request',
      state: 'pending',
      awaiting_account_id: p.payer.account.id,
      description: input.description,
      listing_id: p.listingId,
      created_by: actor.id,
      idempotency_key: input.idempotency_key,
      expires_at: iso(addDays(now, p.currency.requestDays)),
    },
    now,
  );
  return outcome(await insertTransfer(trx, row), false, p.currency, p.payer, p.payee);
}

/** Who must decide a pending transfer; null once it is decided. */
async function awaitingHolder(trx: DB, transfer: Transfer): Promise<Holder | null> {
  return transfer.awaitingAccountId === null ? null : (await findHoldersOf(trx, [transfer.awaitingAccountId]))[0]!;
}

async function transferFor(trx: DB, id: string, now: Date): Promise<Transfer> {
  const transfer = UUID.test(id) ? await findTransfer(trx, id, now) : null;
  if (!transfer) throw new NotFound(msg('ledger.errors.noTransfer'));
  return transfer;
}

/** A decision on a pending transfer; `replayed` when it had already been made, the same way, by the same member. */
export interface Decision {
  transfer: Transfer;
  replayed: boolean;
}

/**
 * The same decision again, by the member who made it (a double click, or an
 * API client retrying after a lost answer), answers that decision rather than
 * refusing: a decision, like a payment, is made once however often it is sent.
 * Only a transfer that waited for a decision (a request or a proposed
 * reversal: they alone expire) was decided by anyone.
 */
function sameDecision(transfer: Transfer, state: 'completed' | 'declined', actor: Actor): boolean {
  return transfer.expiresAt !== null && transfer.state === state && transfer.decidedBy === actor.id;
}

/** Accept a pending request or proposed reversal: the limits are checked now, at completion. */
export async function acceptTransfer(trx: DB, actor: Actor, id: string, now: Date): Promise<Decision> {
  const transfer = await transferFor(trx, id, now);
  if (sameDecision(transfer, 'completed', actor)) return { transfer, replayed: true };
  const awaiting = await awaitingHolder(trx, transfer);
  requireAwaiting(transfer, awaiting, actor);
  const [payer, payee] = await findHoldersOf(trx, [transfer.payerAccountId, transfer.payeeAccountId]);
  const currency = (await findCurrencyById(trx, transfer.currencyId))!;
  checkCompletion(payer, payee, transfer.amount, currency);
  await decideTransfer(trx, transfer, 'completed', actor.id, now);
  return { transfer: await stored(trx, id, now), replayed: false };
}

export async function declineTransfer(trx: DB, actor: Actor, id: string, now: Date): Promise<Decision> {
  const transfer = await transferFor(trx, id, now);
  if (sameDecision(transfer, 'declined', actor)) return { transfer, replayed: true };
  const awaiting = await awaitingHolder(trx, transfer);
  requireAwaiting(transfer, awaiting, actor);
  await decideTransfer(trx, transfer, 'declined', actor.id, now);
  return { transfer: await stored(trx, id, now), replayed: false };
}

/**
 * A party proposes to undo a completed transfer (a reversal too): a new
 * transfer the other way, pending until the other party accepts it (limits
 * checked then).
 */
export async function proposeReversal(
  trx: DB,
  actor: Actor,
  id: string,
  idempotencyKey: string,
  now: Date,
): Promise<TransferOutcome> {
  const original = await transferFor(trx, id, now);
  const [payer, payee] = await findHoldersOf(trx, [original.payerAccountId, original.payeeAccountId]);
  const onPayerSide = payer.actsFor(actor);
  if (!onPayerSide && !payee.actsFor(actor)) throw new Forbidden(msg('ledger.errors.partiesOnly'));
  const currency = (await findCurrencyById(trx, original.currencyId))!;
  // The reversal runs the other way: the original payee pays it.
  const replay = await reversalReplay(trx, actor, original, idempotencyKey, now);
  if (replay) return outcome(replay, true, currency, payee, payer);
  const row = newTransfer(
    {
      currency_id: original.currencyId,
      payer_account_id: original.payeeAccountId,
      payee_account_id: original.payerAccountId,
      amount: original.amount,
      kind: 'reversal',
      state: 'pending',
      awaiting_account_id: onPayerSide ? original.payeeAccountId : original.payerAccountId,
      description: `Reversal of: ${original.description}`.slice(0, 500),
      reverses_id: original.id,
      created_by: actor.id,
      idempotency_key: idempotencyKey,
      expires_at: iso(addDays(now, currency.requestDays)),
    },
    now,
  );
  return outcome(await insertTransfer(trx, row), false, currency, payee, payer);
}

/**
 * A steward corrects a transfer (a reversal too) at once, with a reason; the reversal still keeps within both accounts'
 * limits.
 */
export async function stewardReversal(
  trx: DB,
  steward: Actor,
  id: string,
  reason: string,
  idempotencyKey: string,
  now: Date,
): Promise<TransferOutcome> {
  if (steward.role !== 'steward') throw new Forbidden(msg('ledger.errors.stewardsOnly'));
  const original = await transferFor(trx, id, now);
  const [payer, payee] = await findHoldersOf(trx, [original.payeeAccountId, original.payerAccountId]);
  const currency = (await findCurrencyById(trx, original.currencyId))!;
  const replay = await reversalReplay(trx, steward, original, idempotencyKey, now);
  if (replay) return outcome(replay, true, currency, payer, payee);
  checkCompletion(payer, payee, original.amount, currency);
  const row = newTransfer(
    {
      currency_id: original.currencyId,
      payer_account_id: original.payeeAccountId,
      payee_account_id: original.payerAccountId,
      amount: original.amount,
      kind: 'reversal',
      state: 'completed',
      awaiting_account_id: null,
      description: `Reversal of: ${original.description}`.slice(0, 500),
      reverses_id: original.id,
      reason,
      created_by: steward.id,
      idempotency_key: idempotencyKey,
    },
    now,
  );
  return outcome(await insertTransfer(trx, row), false, currency, payer, payee);
}

/**
 * The same key again returns the reversal it made; otherwise the original must still be reversible, and not reversed
 * yet.
 */
async function reversalReplay(
  trx: DB,
  actor: Actor,
  original: Transfer,
  idempotencyKey: string,
  now: Date,
): Promise<Transfer | null> {
  const existing = await findTransferByKey(trx, actor.id, idempotencyKey, now);
  if (existing) {
    requireSameRequest(existing, {
      kind: 'reversal',
      amount: original.amount,
      payerAccountId: original.payeeAccountId,
      payeeAccountId: original.payerAccountId,
      reversesId: original.id,
    });
    return existing;
  }
  requireReversible(original);
  const live = await findLiveReversalOf(trx, original.id, now);
  if (live && live.state !== 'expired')
    throw new Conflict(
      msg(live.state === 'completed' ? 'ledger.errors.alreadyReversed' : 'ledger.errors.reversalWaiting'),
    );
  if (live) await decideTransfer(trx, live, 'declined', actor.id, now); // an expired proposal makes way for a new one
  return null;
}
