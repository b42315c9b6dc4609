import type { Generated } from 'kysely';

/**
 * The mutual-credit ledger’s tables, by name (composed into `Database` in src/db/database.ts): currencies, accounts,
 * transfers, their append-only entries, limit changes and feedback.
 */
export interface LedgerTables {
  currencies: CurrenciesTable;
  accounts: AccountsTable;
  transfers: TransfersTable;
  entries: EntriesTable;
  account_changes: AccountChangesTable;
  transfer_feedback: TransferFeedbackTable;
}

export interface CurrenciesTable {
  id: Generated<number>;
  code: string;
  name: string;
  symbol: string;
  /** Minor units per unit: 60 (hours in minutes) or 100 (hundredths). */
  scale: number;
  group_id: number;
  default_lower_limit: number;
  default_upper_limit: number;
  /** Days a payment request (or proposed reversal) waits before it expires. */
  request_days: number;
  created_by: number | null;
  created_at: string;
}

/** `balance` is kept by a trigger on `entries`: never written directly. */
export interface AccountsTable {
  id: Generated<number>;
  currency_id: number;
  member_id: number | null;
  group_id: number | null;
  lower_limit: number;
  upper_limit: number;
  balance: Generated<number>;
  frozen_reason: string | null;
  created_at: string;
}

export type TransferKind = 'payment' | 'request' | 'reversal';

/** Stored states; `expired` is derived when read (pending past `expires_at`). */
export type TransferState = 'pending' | 'completed' | 'declined';

export interface TransfersTable {
  id: string;
  currency_id: number;
  payer_account_id: number;
  payee_account_id: number;
  amount: number;
  kind: TransferKind;
  state: TransferState;
  awaiting_account_id: number | null;
  description: string;
  listing_id: string | null;
  reverses_id: string | null;
  reason: string | null;
  created_by: number;
  idempotency_key: string;
  created_at: string;
  expires_at: string | null;
  decided_at: string | null;
  decided_by: number | null;
}

/** Append-only: SQLite refuses UPDATE and DELETE. */
export interface EntriesTable {
  id: Generated<number>;
  transfer_id: string;
  account_id: number;
  amount: number;
  created_at: string;
}

export type AccountChange = 'limits' | 'freeze' | 'unfreeze';

export interface AccountChangesTable {
  id: Generated<number>;
  account_id: number;
  actor_id: number;
  change: AccountChange;
  lower_limit: number;
  upper_limit: number;
  reason: string;
  created_at: string;
}

export type FeedbackRating = 'positive' | 'neutral' | 'negative';

/** One per side of a transfer; exactly one of `subject_id` and `subject_group_id` is set. */
export interface TransferFeedbackTable {
  id: Generated<number>;
  transfer_id: string;
  /** The member who wrote it: the party, or one of the admins of the fund that is the party. */
  author_id: number;
  /** The group whose fund the author wrote for; null when they wrote for themselves. */
  author_group_id: number | null;
  /** What it is about: a member, or a group's fund. */
  subject_id: number | null;
  subject_group_id: number | null;
  rating: FeedbackRating;
  comment: string;
  created_at: string;
  updated_at: string;
}
