import crypto from 'node:crypto';
import type { DB } from '../db/database.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { iso } from '../lib/time.js';
import type { Currency, Holder, HolderRef, Transfer } from './ledger.js';
import { findTransfer, type NewTransfer } from './transfers.queries.js';

/** What every transfer use case (paying, requesting, deciding, reversing) shares: its row, its outcome, its lookup. */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TransferOutcome {
  transfer: Transfer;
  /** True when the idempotency key named a transfer made before: nothing new was written. */
  replayed: boolean;
  /** What the use case already read, so an answer can name both sides without reading the transfer again. */
  currency: Currency;
  payer: HolderRef;
  payee: HolderRef;
}

export function outcome(
  transfer: Transfer,
  replayed: boolean,
  currency: Currency,
  payer: Holder,
  payee: Holder,
): TransferOutcome {
  return { transfer, replayed, currency, payer: payer.ref, payee: payee.ref };
}

export function newTransfer(
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

export async function stored(trx: DB, id: string, now: Date): Promise<Transfer> {
  return (await findTransfer(trx, id, now))!;
}

/** A transfer by id, or NotFound (an id that is not a UUID is none). */
export async function transferFor(trx: DB, id: string, now: Date): Promise<Transfer> {
  const transfer = UUID.test(id) ? await findTransfer(trx, id, now) : null;
  if (!transfer) throw new NotFound(msg('ledger.errors.noTransfer'));
  return transfer;
}
