import type { DB } from '../db/database.js';
import { iso } from '../lib/time.js';
import { deriveState, type Transfer } from './ledger.js';
import type { TransfersTable } from './ledger.table.js';

/** Transfers' SQL: finding one (by id, by key, its reversal), writing one, deciding one, with its entries. */

const TRANSFER_COLUMNS = [
  'id',
  'currency_id',
  'payer_account_id',
  'payee_account_id',
  'amount',
  'kind',
  'state',
  'awaiting_account_id',
  'description',
  'listing_id',
  'reverses_id',
  'reason',
  'created_by',
  'created_at',
  'expires_at',
  'decided_at',
  'decided_by',
] as const;

type TransferRow = Pick<TransfersTable, (typeof TRANSFER_COLUMNS)[number]>;

function toTransfer(row: TransferRow, now: Date): Transfer {
  return {
    id: row.id,
    currencyId: row.currency_id,
    payerAccountId: row.payer_account_id,
    payeeAccountId: row.payee_account_id,
    amount: row.amount,
    kind: row.kind,
    state: deriveState(row.state, row.expires_at, now),
    awaitingAccountId: row.awaiting_account_id,
    description: row.description,
    listingId: row.listing_id,
    reversesId: row.reverses_id,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  };
}

export async function findTransfer(db: DB, id: string, now: Date): Promise<Transfer | null> {
  const row = await db.selectFrom('transfers').select(TRANSFER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toTransfer(row, now) : null;
}

export async function findTransferByKey(db: DB, createdBy: number, key: string, now: Date): Promise<Transfer | null> {
  const row = await db
    .selectFrom('transfers')
    .select(TRANSFER_COLUMNS)
    .where('created_by', '=', createdBy)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? toTransfer(row, now) : null;
}

/** The reversal of a transfer that is completed or still proposed, if any. */
export async function findLiveReversalOf(db: DB, transferId: string, now: Date): Promise<Transfer | null> {
  const row = await db
    .selectFrom('transfers')
    .select(TRANSFER_COLUMNS)
    .where('reverses_id', '=', transferId)
    .where('state', '<>', 'declined')
    .executeTakeFirst();
  return row ? toTransfer(row, now) : null;
}

export type NewTransfer = Omit<TransfersTable, 'decided_at' | 'decided_by'>;

/**
 * A transfer row; a completed one also gets its two entries (the trigger moves both balances). Returns it as stored.
 */
export async function insertTransfer(db: DB, transfer: NewTransfer): Promise<Transfer> {
  const row = {
    ...transfer,
    decided_at: transfer.state === 'completed' ? transfer.created_at : null,
    decided_by: transfer.state === 'completed' ? transfer.created_by : null,
  };
  await db.insertInto('transfers').values(row).execute();
  if (transfer.state === 'completed') await insertEntries(db, transfer, transfer.created_at);
  return toTransfer(row, new Date(transfer.created_at));
}

async function insertEntries(
  db: DB,
  transfer: { id: string; payer_account_id: number; payee_account_id: number; amount: number },
  at: string,
): Promise<void> {
  await db
    .insertInto('entries')
    .values([
      { transfer_id: transfer.id, account_id: transfer.payer_account_id, amount: -transfer.amount, created_at: at },
      { transfer_id: transfer.id, account_id: transfer.payee_account_id, amount: transfer.amount, created_at: at },
    ])
    .execute();
}

/** Decides a pending transfer; completing it writes its entries. The trigger refuses to decide one twice. */
export async function decideTransfer(
  db: DB,
  transfer: Transfer,
  state: 'completed' | 'declined',
  decidedBy: number,
  now: Date,
): Promise<void> {
  const result = await db
    .updateTable('transfers')
    .set({ state, awaiting_account_id: null, decided_at: iso(now), decided_by: decidedBy })
    .where('id', '=', transfer.id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new Error(`Transfer ${transfer.id} was not pending.`);
  if (state === 'completed')
    await insertEntries(
      db,
      {
        id: transfer.id,
        payer_account_id: transfer.payerAccountId,
        payee_account_id: transfer.payeeAccountId,
        amount: transfer.amount,
      },
      iso(now),
    );
}
