import type { Actor as MemberActor } from '../auth/actor.js';
import type { TransferKind } from './ledger.table.js';
import type { MemberStatus } from '../members/members.table.js';
import { Conflict, Forbidden } from '../lib/errors.js';
import { type Message, msg } from '../lib/messages.js';
import { formatAmount, type Scale } from './amounts.js';

/**
 * Mutual credit: the rules. Every payment is a debit on one account and a
 * credit on another in the same currency, so each currency's balances sum to
 * zero by construction. SQL is in `ledger.queries.ts`; the use cases that
 * combine both, inside one `BEGIN IMMEDIATE` transaction, in `transfers.ts`.
 */

export interface Currency {
  id: number;
  code: string;
  name: string;
  symbol: string;
  scale: Scale;
  groupId: number;
  defaultLowerLimit: number;
  defaultUpperLimit: number;
  requestDays: number;
  /** The community's own currency, which every active member may use (a group's is for its members). */
  communityWide: boolean;
}

export interface Account {
  id: number;
  currencyId: number;
  memberId: number | null;
  groupId: number | null;
  lowerLimit: number;
  upperLimit: number;
  balance: number;
  frozenReason: string | null;
}

/** Who holds an account: a member, or a group (its fund, run by its admins). */
export type Party = { memberId: number } | { groupId: number };

/** The party holding an account. */
export function partyOf(account: Pick<Account, 'memberId' | 'groupId'>): Party {
  return account.memberId !== null ? { memberId: account.memberId } : { groupId: account.groupId! };
}

/** Who holds an account, as people see it: a member (by handle) or a group's fund (by the group's slug). */
export interface HolderRef {
  kind: 'member' | 'group';
  id: number;
  handle: string;
  name: string;
}

/** `expired` is never stored: a pending transfer past its `expiresAt` is expired. */
export type TransferState = 'pending' | 'completed' | 'declined' | 'expired';

export interface Transfer {
  id: string;
  currencyId: number;
  payerAccountId: number;
  payeeAccountId: number;
  amount: number;
  kind: TransferKind;
  state: TransferState;
  awaitingAccountId: number | null;
  description: string;
  listingId: string | null;
  reversesId: string | null;
  reason: string | null;
  createdBy: number;
  createdAt: string;
  expiresAt: string | null;
  decidedAt: string | null;
  /**
   * Who decided it: its creator for a payment or a steward's reversal, the side that accepted or declined for a request
   * or a proposed reversal.
   */
  decidedBy: number | null;
}

/** Who is acting (`src/auth/actor.ts`): the rules read only the id and the role. */
export type Actor = Pick<MemberActor, 'id' | 'role'>;

/** The owner of one side of a transfer, as the rules need them. */
export interface Holder {
  account: Account;
  ref: HolderRef;
  /** The member's status, for a member's account; null for a group's. */
  memberStatus: MemberStatus | null;
  /**
   * Members who may act for the account: its member, or the group's active admins (stewards for the community's own).
   */
  actsFor(actor: Actor): boolean;
}

/**
 * A transfer would take an account past one of its limits: a Conflict (409) coded `over_limit`, whose details give the
 * API the side, the limit and what is still available, and whose reason also stands beside the form's amount field.
 */
export class LimitError extends Conflict {
  readonly fields: Readonly<Record<string, Message>>;

  constructor(
    readonly side: 'payer' | 'payee',
    readonly limit: number,
    readonly available: number,
    readonly formatted: { limit: string; available: string; currency: string },
    /** Whom the refusal is told to, on the pages; the API keeps the neutral message. */
    toldTo?: 'you' | 'the fund',
  ) {
    super(
      LimitError.reasonFor(side, formatted, toldTo),
      {
        side,
        limit,
        limit_formatted: formatted.limit,
        available,
        available_formatted: formatted.available,
      },
      'over_limit',
    );
    this.fields = { amount: this.reason };
  }

  private static reasonFor(
    side: 'payer' | 'payee',
    formatted: { limit: string; available: string; currency: string },
    toldTo: 'you' | 'the fund' | undefined,
  ): Message {
    const key = { you: 'ledger.errors.overLimitYou', 'the fund': 'ledger.errors.overLimitFund' }[toldTo ?? 'you'];
    return msg(toldTo ? key : 'ledger.errors.overLimit', { side, ...formatted });
  }

  /**
   * The same refusal told to the side it concerns, for the pages: "you" rather than "the payer" (or "the fund", when
   * the member acts for a group's fund). The API keeps the neutral message, with `side` saying whose limit it is.
   */
  toldTo(who: 'you' | 'the fund'): LimitError {
    return new LimitError(this.side, this.limit, this.available, this.formatted, who);
  }
}

export function deriveState(
  stored: 'pending' | 'completed' | 'declined',
  expiresAt: string | null,
  now: Date,
): TransferState {
  return stored === 'pending' && expiresAt !== null && expiresAt <= now.toISOString() ? 'expired' : stored;
}

/** How much more an account may pay out, and receive, within its limits (never negative). */
export function headroom(account: Pick<Account, 'balance' | 'lowerLimit' | 'upperLimit'>): { out: number; in: number } {
  return {
    out: Math.max(0, account.balance - account.lowerLimit),
    in: Math.max(0, account.upperLimit - account.balance),
  };
}

function requireCanTrade(holder: Holder, whose: 'payer' | 'payee'): void {
  if (holder.account.frozenReason !== null)
    throw new Conflict(msg('ledger.errors.frozen', { whose, reason: holder.account.frozenReason }));
  if (holder.memberStatus !== null && holder.memberStatus !== 'active')
    throw new Conflict(msg('ledger.errors.inactive', { whose }));
}

/**
 * Everything a transfer must satisfy at the moment it completes: two different
 * accounts in one currency, a positive amount, neither frozen nor belonging to
 * a suspended member, and both balances within their limits afterwards.
 */
export function checkCompletion(payer: Holder, payee: Holder, amount: number, currency: Currency): void {
  checkShape(payer.account, payee.account, amount);
  requireCanTrade(payer, 'payer');
  requireCanTrade(payee, 'payee');
  const room = headroom(payer.account);
  if (payer.account.balance - amount < payer.account.lowerLimit) {
    const limit = formatAmount(payer.account.lowerLimit, currency.scale);
    const available = formatAmount(room.out, currency.scale);
    throw new LimitError('payer', payer.account.lowerLimit, room.out, { limit, available, currency: currency.code });
  }
  const roomIn = headroom(payee.account).in;
  if (payee.account.balance + amount > payee.account.upperLimit) {
    const limit = formatAmount(payee.account.upperLimit, currency.scale);
    const available = formatAmount(roomIn, currency.scale);
    throw new LimitError('payee', payee.account.upperLimit, roomIn, { limit, available, currency: currency.code });
  }
}

/** What holds for any transfer, pending or not. */
export function checkShape(payer: Account, payee: Account, amount: number): void {
  if (payer.id === payee.id) throw new Conflict(msg('ledger.errors.payYourself'));
  if (payer.currencyId !== payee.currencyId) throw new Conflict(msg('ledger.errors.sameCurrency'));
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Conflict(msg('ledger.errors.positive'));
}

/** The side that must accept a pending transfer decides it; nobody else may. */
export function requireAwaiting(transfer: Transfer, awaiting: Holder | null, actor: Actor): void {
  const state = transfer.state;
  if (state === 'expired')
    throw new Conflict(msg('ledger.errors.expired', { kind: transfer.kind, date: transfer.expiresAt!.slice(0, 10) }));
  if (state !== 'pending') throw new Conflict(msg('ledger.errors.alreadyDecided', { kind: transfer.kind, state }));
  if (!awaiting?.actsFor(actor)) throw new Forbidden(msg('ledger.errors.otherParty'));
}

/**
 * Any completed transfer may be reversed, once: a reversal too, since a
 * correction can itself be a mistake. Reversing a reversal puts the original
 * back in force; each link of the chain is reversed at most once (the
 * `transfers_reversed_once` index holds that even against a race).
 */
export function requireReversible(transfer: Transfer): void {
  if (transfer.state !== 'completed') throw new Conflict(msg('ledger.errors.onlyCompleted'));
}

/** The same idempotency key must mean the same transfer; anything else is a mistake worth refusing. */
export function requireSameRequest(
  existing: Transfer,
  wanted: Pick<Transfer, 'kind' | 'amount' | 'payerAccountId' | 'payeeAccountId' | 'reversesId'>,
): void {
  // `reversesId` too: reversing a chain of reversals repeats the same amount between the same accounts.
  if (
    existing.kind !== wanted.kind ||
    existing.amount !== wanted.amount ||
    existing.payerAccountId !== wanted.payerAccountId ||
    existing.payeeAccountId !== wanted.payeeAccountId ||
    existing.reversesId !== wanted.reversesId
  ) {
    throw new Conflict(msg('ledger.errors.keyReused'));
  }
}
