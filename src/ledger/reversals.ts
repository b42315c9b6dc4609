import type { DB } from '../db/database.js';
import { Conflict, Forbidden } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { addDays, iso } from '../lib/time.js';
import { checkCompletion, requireReversible, requireSameRequest, type Actor, type Transfer } from './ledger.js';
import { findCurrencyById } from './currencies.queries.js';
import { findHoldersOf } from './holders.queries.js';
import { decideTransfer, findLiveReversalOf, findTransferByKey, insertTransfer } from './transfers.queries.js';
import { newTransfer, outcome, transferFor, type TransferOutcome } from './transfer-records.js';

/**
 * Undoing a completed transfer: a party proposes a reversal, which the other side accepts (`decisions.ts`), or a
 * steward reverses it at once, with a reason. Either is a new transfer the other way, made once per idempotency key.
 */

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
