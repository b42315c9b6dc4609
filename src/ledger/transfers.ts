import { z } from 'zod';
import type { DB } from '../db/database.js';
import type { TransferKind } from './ledger.table.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import { Conflict, Invalid } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { optionalText, requiredText } from '../lib/fields.js';
import { textRules } from './ledger-fields.js';
import { addDays, iso } from '../lib/time.js';
import { findListing, listingViewerOf } from '../listings/listings.queries.js';
import { amountField, toMinorUnits } from './amounts.js';
import {
  checkCompletion,
  checkShape,
  requireSameRequest,
  type Actor,
  type Currency,
  type Holder,
  type Party,
  type Transfer,
} from './ledger.js';
import { mayHoldCurrency } from './currencies.queries.js';
import { visibleCurrencyByCode } from './currency-access.js';
import { openHolders, findTraderByHandle } from './holders.queries.js';
import { findTransferByKey, insertTransfer } from './transfers.queries.js';
import { newTransfer, outcome, type TransferOutcome, UUID } from './transfer-records.js';

/**
 * Paying and asking for a payment, the ledger's first use cases (deciding is in `decisions.ts`, reversing in
 * `reversals.ts`). Each runs inside the caller's `BEGIN IMMEDIATE` transaction (`immediateTransaction` in the route or
 * command), so what it reads (balances, limits, states) cannot change before it writes.
 */
/**
 * How a group's fund is named wherever a member's handle could go (`"to": "group:repair-cafe"`): no handle has a colon.
 */
export const FUND_PREFIX = 'group:';

/** The other party as people type it: a handle ("@Jo-Smith" means jo-smith) or a group's fund ("group:repair-cafe"). */
const counterpartyField = (field: 'to' | 'from') =>
  requiredText(textRules(`ledger.field.${field}.required`), 80).transform((h) => h.replace(/^@/, '').toLowerCase());

const common = {
  amount: amountField(),
  currency: requiredText(textRules('ledger.field.currency.required'), 8),
  description: requiredText(textRules('ledger.field.description.required'), 500),
  listing_id: optionalText(textRules(), 36).refine((s) => s === '' || UUID.test(s), 'ledger.field.listing.notId'),
  idempotency_key: requiredText(textRules('ledger.field.key.required'), 100),
  /** The slug of a group whose fund pays (or is paid), for its admins; empty for the member's own account. */
  as_group: optionalText(textRules(), 80),
};

export const paymentSchema = z.object({ to: counterpartyField('to'), ...common });
export const requestSchema = z.object({ from: counterpartyField('from'), ...common });
export type PaymentInput = z.output<typeof paymentSchema>;
export type RequestInput = z.output<typeof requestSchema>;

function resolveAmount(amount: string | number, currency: Currency): number {
  const parsed = toMinorUnits(amount, currency.scale);
  if (!parsed.ok) throw new Invalid({ amount: parsed.message });
  return parsed.minor;
}

/** A currency the actor may know of: one of a group hidden from them answers as a code nobody has. */
async function currencyFor(trx: DB, actor: Actor, code: string): Promise<Currency> {
  const currency = await visibleCurrencyByCode(trx, actor, code);
  if (!currency) throw new Invalid({ currency: msg('ledger.errors.noCurrency') });
  return currency;
}

/**
 * The actor's own side: their account, or the fund of the group named in `as_group` (whether they run it is checked
 * with the holders). The group is looked up among those the actor may see, so a hidden one answers exactly as a slug
 * nobody has, by the same path.
 */
async function ownParty(trx: DB, actor: Actor, asGroup: string, currency: Currency): Promise<Party> {
  if (!asGroup) {
    if (!(await mayHoldCurrency(trx, currency, { memberId: actor.id })))
      throw new Invalid({ currency: msg('ledger.errors.currencyOfGroup', { currency: currency.name }) });
    return { memberId: actor.id };
  }
  const group = (await findVisibleGroups(trx, actor)).find(asGroup);
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
  const refuse = (key: string, values?: Record<string, string>) => new Invalid({ [field]: msg(key, values) });
  if (typed.startsWith(FUND_PREFIX)) {
    const group = (await findVisibleGroups(trx, actor)).find(typed.slice(FUND_PREFIX.length));
    if (!group) throw refuse('ledger.errors.noFundGroup');
    const fund: Party = { groupId: group.id };
    if (sameParty(fund, own)) throw refuse('ledger.errors.fundItself', { field });
    if (!(await mayHoldCurrency(trx, currency, fund)))
      throw refuse('ledger.errors.fundCurrency', { name: group.name, currency: currency.name });
    return fund;
  }
  const member = await findTraderByHandle(trx, typed);
  if (member?.status !== 'active') throw refuse('ledger.errors.noActiveMember');
  const other: Party = { memberId: member.id };
  if (sameParty(other, own)) throw refuse(field === 'to' ? 'ledger.errors.payYourself' : 'ledger.errors.askYourself');
  if (!(await mayHoldCurrency(trx, currency, other)))
    throw refuse('ledger.errors.memberCurrency', { name: member.displayName, currency: currency.name });
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
  const currency = await currencyFor(trx, actor, input.currency);
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
