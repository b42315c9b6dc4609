import type { DB } from '../db/database.js';
import { checkCompletion, requireAwaiting, type Actor, type Holder, type Transfer } from './ledger.js';
import { findCurrencyById } from './currencies.queries.js';
import { findHoldersOf } from './holders.queries.js';
import { decideTransfer } from './transfers.queries.js';
import { stored, transferFor } from './transfer-records.js';

/**
 * Deciding a pending transfer (a request, or a proposed reversal): the side it waits for accepts it (the limits are
 * checked then) or declines it. Inside the caller's `BEGIN IMMEDIATE` transaction, like every use case of the ledger.
 */

/** Who must decide a pending transfer; null once it is decided. */
async function awaitingHolder(trx: DB, transfer: Transfer): Promise<Holder | null> {
  return transfer.awaitingAccountId === null ? null : (await findHoldersOf(trx, [transfer.awaitingAccountId]))[0]!;
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
