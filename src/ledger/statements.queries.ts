import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { TransferKind } from './ledger.table.js';
import { iso } from '../lib/time.js';
import type { Scale } from './amounts.js';
import { deriveState, type HolderRef, type Party, type TransferState } from './ledger.js';
import { memberNameSql } from './holders.queries.js';

/** What the ledger's pages and API read: accounts with their pending sums, statements, transfers with names. */

export interface AccountView {
  id: number;
  currencyCode: string;
  currencyName: string;
  scale: Scale;
  holder: HolderRef;
  balance: number;
  lowerLimit: number;
  upperLimit: number;
  frozenReason: string | null;
  pendingIn: number;
  pendingOut: number;
}

/** Pending (not expired) transfers into and out of an account, summed. */
function pendingSum(side: 'payer_account_id' | 'payee_account_id', now: Date) {
  return sql<number>`coalesce((
    SELECT sum(t.amount) FROM transfers t
    WHERE t.${sql.ref(side)} = a.id AND t.state = 'pending' AND t.expires_at > ${iso(now)}
  ), 0)`;
}

const holderColumns = sql`
  CASE WHEN a.member_id IS NOT NULL THEN 'member' ELSE 'group' END AS holder_kind,
  coalesce(a.member_id, a.group_id) AS holder_id,
  coalesce(m.handle, g.slug) AS holder_handle,
  coalesce(${memberNameSql('m')}, g.name) AS holder_name`;

type AccountViewRow = {
  id: number;
  code: string;
  currency_name: string;
  scale: number;
  holder_kind: 'member' | 'group';
  holder_id: number;
  holder_handle: string;
  holder_name: string;
  balance: number;
  lower_limit: number;
  upper_limit: number;
  frozen_reason: string | null;
  pending_in: number;
  pending_out: number;
};

function toAccountView(r: AccountViewRow): AccountView {
  return {
    id: r.id,
    currencyCode: r.code,
    currencyName: r.currency_name,
    scale: r.scale as Scale,
    holder: { kind: r.holder_kind, id: r.holder_id, handle: r.holder_handle, name: r.holder_name },
    balance: r.balance,
    lowerLimit: r.lower_limit,
    upperLimit: r.upper_limit,
    frozenReason: r.frozen_reason,
    pendingIn: r.pending_in,
    pendingOut: r.pending_out,
  };
}

function accountViews(db: DB, now: Date, where: ReturnType<typeof sql>) {
  return sql<AccountViewRow>`
    SELECT a.id, c.code, c.name AS currency_name, c.scale, ${holderColumns},
      a.balance, a.lower_limit, a.upper_limit, a.frozen_reason,
      ${pendingSum('payee_account_id', now)} AS pending_in, ${pendingSum('payer_account_id', now)} AS pending_out
    FROM accounts a JOIN currencies c ON c.id = a.currency_id
    LEFT JOIN members m ON m.id = a.member_id LEFT JOIN groups g ON g.id = a.group_id
    WHERE ${where}
    ORDER BY c.id, holder_name`.execute(db);
}

/** A member's own accounts, one per currency they have used. */
export async function findAccountsOfMember(db: DB, memberId: number, now: Date): Promise<AccountView[]> {
  return (await accountViews(db, now, sql`a.member_id = ${memberId}`)).rows.map(toAccountView);
}

/** The funds of the groups given (those a member runs as an admin). */
export async function findGroupFunds(db: DB, groupIds: number[], now: Date): Promise<AccountView[]> {
  if (groupIds.length === 0) return [];
  return (await accountViews(db, now, sql`a.group_id IN (${sql.join(groupIds)})`)).rows.map(toAccountView);
}

/** Every account on the box, for the stewards. */
export async function findAllAccounts(db: DB, now: Date): Promise<AccountView[]> {
  return (await accountViews(db, now, sql`1 = 1`)).rows.map(toAccountView);
}

/** A member's or a group fund's account in one currency, if it has been opened. */
export async function findAccountOf(db: DB, party: Party, currencyId: number, now: Date): Promise<AccountView | null> {
  const owner = 'memberId' in party ? sql`a.member_id = ${party.memberId}` : sql`a.group_id = ${party.groupId}`;
  const row = (await accountViews(db, now, sql`a.currency_id = ${currencyId} AND ${owner}`)).rows[0];
  return row ? toAccountView(row) : null;
}

export async function findAccountView(db: DB, accountId: number, now: Date): Promise<AccountView | null> {
  const row = (await accountViews(db, now, sql`a.id = ${accountId}`)).rows[0];
  return row ? toAccountView(row) : null;
}

export interface StatementLine {
  entryId: number;
  transferId: string;
  at: string;
  amount: number;
  /** The balance after this line, counted over the whole history, not just the lines shown. */
  balance: number;
  kind: TransferKind;
  description: string;
  counterparty: HolderRef;
}

/**
 * An account's entries, oldest first, with the running balance. The window
 * runs over every entry, then the date filter applies, so a statement from a
 * date still shows true balances.
 */
export async function findStatement(
  db: DB,
  accountId: number,
  range: { since?: string; until?: string },
): Promise<StatementLine[]> {
  const rows = await sql<{
    id: number;
    transfer_id: string;
    created_at: string;
    amount: number;
    balance: number;
    kind: TransferKind;
    description: string;
    holder_kind: 'member' | 'group';
    holder_id: number;
    holder_handle: string;
    holder_name: string;
  }>`
    SELECT s.*, ${holderColumns}
    FROM (
      SELECT e.id, e.transfer_id, e.created_at, e.amount, sum(e.amount) OVER (ORDER BY e.id) AS balance,
        t.kind, t.description,
        CASE WHEN t.payer_account_id = e.account_id THEN t.payee_account_id ELSE t.payer_account_id END AS other_id
      FROM entries e JOIN transfers t ON t.id = e.transfer_id
      WHERE e.account_id = ${accountId}
    ) s
    JOIN accounts a ON a.id = s.other_id
    LEFT JOIN members m ON m.id = a.member_id LEFT JOIN groups g ON g.id = a.group_id
    WHERE s.created_at >= ${range.since ?? ''} AND s.created_at < ${range.until ?? '9999'}
    ORDER BY s.id`.execute(db);
  return rows.rows.map((r) => ({
    entryId: r.id,
    transferId: r.transfer_id,
    at: r.created_at,
    amount: r.amount,
    balance: r.balance,
    kind: r.kind,
    description: r.description,
    counterparty: { kind: r.holder_kind, id: r.holder_id, handle: r.holder_handle, name: r.holder_name },
  }));
}

export interface TransferView {
  id: string;
  kind: TransferKind;
  state: TransferState;
  amount: number;
  currencyCode: string;
  scale: Scale;
  payer: HolderRef;
  payee: HolderRef;
  payerAccountId: number;
  payeeAccountId: number;
  awaitingAccountId: number | null;
  description: string;
  listingId: string | null;
  reversesId: string | null;
  reason: string | null;
  createdAt: string;
  expiresAt: string | null;
  decidedAt: string | null;
}

function transferViews(db: DB, where: ReturnType<typeof sql>, limit = 500) {
  return sql<{
    id: string;
    kind: TransferKind;
    state: 'pending' | 'completed' | 'declined';
    amount: number;
    code: string;
    scale: number;
    payer_account_id: number;
    payee_account_id: number;
    awaiting_account_id: number | null;
    description: string;
    listing_id: string | null;
    reverses_id: string | null;
    reason: string | null;
    created_at: string;
    expires_at: string | null;
    decided_at: string | null;
    payer_kind: 'member' | 'group';
    payer_id: number;
    payer_handle: string;
    payer_name: string;
    payee_kind: 'member' | 'group';
    payee_id: number;
    payee_handle: string;
    payee_name: string;
  }>`
    SELECT t.id, t.kind, t.state, t.amount, c.code, c.scale, t.payer_account_id, t.payee_account_id,
      t.awaiting_account_id, t.description, t.listing_id,
      t.reverses_id, t.reason, t.created_at, t.expires_at, t.decided_at,
      CASE WHEN pa.member_id IS NOT NULL THEN 'member' ELSE 'group' END AS payer_kind,
      coalesce(pa.member_id, pa.group_id) AS payer_id,
      coalesce(pm.handle, pg.slug) AS payer_handle, coalesce(${memberNameSql('pm')}, pg.name) AS payer_name,
      CASE WHEN qa.member_id IS NOT NULL THEN 'member' ELSE 'group' END AS payee_kind,
      coalesce(qa.member_id, qa.group_id) AS payee_id,
      coalesce(qm.handle, qg.slug) AS payee_handle, coalesce(${memberNameSql('qm')}, qg.name) AS payee_name
    FROM transfers t JOIN currencies c ON c.id = t.currency_id
    JOIN accounts pa ON pa.id = t.payer_account_id
    LEFT JOIN members pm ON pm.id = pa.member_id LEFT JOIN groups pg ON pg.id = pa.group_id
    JOIN accounts qa ON qa.id = t.payee_account_id
    LEFT JOIN members qm ON qm.id = qa.member_id LEFT JOIN groups qg ON qg.id = qa.group_id
    WHERE ${where}
    ORDER BY t.created_at DESC, t.id
    LIMIT ${limit}`.execute(db);
}

type TransferViewRow = Awaited<ReturnType<typeof transferViews>>['rows'][number];

function toTransferView(r: TransferViewRow, now: Date): TransferView {
  return {
    id: r.id,
    kind: r.kind,
    state: deriveState(r.state, r.expires_at, now),
    amount: r.amount,
    currencyCode: r.code,
    scale: r.scale as Scale,
    payer: { kind: r.payer_kind, id: r.payer_id, handle: r.payer_handle, name: r.payer_name },
    payee: { kind: r.payee_kind, id: r.payee_id, handle: r.payee_handle, name: r.payee_name },
    payerAccountId: r.payer_account_id,
    payeeAccountId: r.payee_account_id,
    awaitingAccountId: r.awaiting_account_id,
    description: r.description,
    listingId: r.listing_id,
    reversesId: r.reverses_id,
    reason: r.reason,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    decidedAt: r.decided_at,
  };
}

export async function findTransferView(db: DB, id: string, now: Date): Promise<TransferView | null> {
  const row = (await transferViews(db, sql`t.id = ${id}`)).rows[0];
  return row ? toTransferView(row, now) : null;
}

/**
 * Pending, unexpired transfers on any of these accounts: those waiting for their holders, and those their holders wait
 * on.
 */
export async function findPendingOn(db: DB, accountIds: number[], now: Date): Promise<TransferView[]> {
  if (accountIds.length === 0) return [];
  const ids = sql.join(accountIds);
  const rows = await transferViews(
    db,
    sql`t.state = 'pending' AND t.expires_at > ${iso(now)}
      AND (t.payer_account_id IN (${ids}) OR t.payee_account_id IN (${ids}))`,
  );
  return rows.rows.map((r) => toTransferView(r, now));
}

/** The most recent transfers a member took part in, for their accounts page. */
export async function findRecentOf(db: DB, memberId: number, now: Date, limit: number): Promise<TransferView[]> {
  const mine = sql`SELECT id FROM accounts WHERE member_id = ${memberId}`;
  const rows = await transferViews(
    db,
    sql`(t.payer_account_id IN (${mine}) OR t.payee_account_id IN (${mine}))`,
    limit,
  );
  return rows.rows.map((r) => toTransferView(r, now));
}

/** Every transfer, newest first, for the stewards (bounded). */
export async function findRecentTransfers(db: DB, now: Date, limit: number): Promise<TransferView[]> {
  return (await transferViews(db, sql`1 = 1`, limit)).rows.map((r) => toTransferView(r, now));
}

/** Completed volume per currency and month (UTC), newest month first. */
export async function findMonthlyVolume(
  db: DB,
): Promise<{ code: string; scale: Scale; month: string; transfers: number; volume: number }[]> {
  const rows = await sql<{ code: string; scale: number; month: string; transfers: number; volume: number }>`
    SELECT c.code, c.scale, substr(t.decided_at, 1, 7) AS month, count(*) AS transfers, sum(t.amount) AS volume
    FROM transfers t JOIN currencies c ON c.id = t.currency_id
    WHERE t.state = 'completed'
    GROUP BY c.id, month ORDER BY month DESC, c.id LIMIT 120`.execute(db);
  return rows.rows.map((r) => ({ ...r, scale: r.scale as Scale }));
}
