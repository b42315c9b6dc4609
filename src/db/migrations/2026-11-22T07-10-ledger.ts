// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * Mutual credit. `entries` is the ledger itself: append-only, one debit and one
 * credit per completed transfer, refused UPDATE and DELETE by SQLite. An
 * account's `balance` is a running sum of its entries, kept by a trigger in the
 * same statement, so no code path can move one without the other.
 *
 * `currencies.group_id` and `accounts.group_id` carry no foreign key on
 * purpose: a group may be deleted, but its currency's history may not.
 * `transfers.listing_id` has none either: listings live in another feature and
 * may be archived; the id is kept as it was paid for.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('currencies')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) =>
      c.notNull().unique().check(sql`code GLOB '[A-Z][A-Z0-9]*' AND length(code) BETWEEN 2 AND 8`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    // Minor units per unit: 60 for hours counted in minutes, 100 for hundredths.
    .addColumn('scale', 'integer', (c) => c.notNull().check(sql`scale IN (60, 100)`))
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('default_lower_limit', 'integer', (c) => c.notNull().check(sql`default_lower_limit <= 0`))
    .addColumn('default_upper_limit', 'integer', (c) => c.notNull().check(sql`default_upper_limit >= 0`))
    .addColumn('request_days', 'integer', (c) => c.notNull().check(sql`request_days BETWEEN 1 AND 365`))
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('currency_id', 'integer', (c) => c.notNull().references('currencies.id'))
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('group_id', 'integer')
    .addColumn('lower_limit', 'integer', (c) => c.notNull().check(sql`lower_limit <= 0`))
    .addColumn('upper_limit', 'integer', (c) => c.notNull().check(sql`upper_limit >= 0`))
    .addColumn('balance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('frozen_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('accounts_one_owner', sql`(member_id IS NULL) <> (group_id IS NULL)`)
    .addUniqueConstraint('accounts_member_once', ['currency_id', 'member_id'])
    .addUniqueConstraint('accounts_group_once', ['currency_id', 'group_id'])
    .execute();
  await db.schema.createIndex('accounts_member').on('accounts').column('member_id').execute();

  await db.schema
    .createTable('transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('currency_id', 'integer', (c) => c.notNull().references('currencies.id'))
    .addColumn('payer_account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('payee_account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('payment', 'request', 'reversal')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('pending', 'completed', 'declined')`))
    // Whose owner must accept a pending transfer: the payer of a request, the other party of a proposed reversal.
    .addColumn('awaiting_account_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text')
    .addColumn('reverses_id', 'text', (c) => c.references('transfers.id'))
    .addColumn('reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Pending past this is expired: derived when read, so no job has to run for it.
    .addColumn('expires_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('members.id'))
    .addCheckConstraint('transfers_not_to_self', sql`payer_account_id <> payee_account_id`)
    .addCheckConstraint('transfers_reversal_names_original', sql`(kind = 'reversal') = (reverses_id IS NOT NULL)`)
    .addCheckConstraint('transfers_pending_awaits', sql`(state = 'pending') = (awaiting_account_id IS NOT NULL)`)
    .addUniqueConstraint('transfers_idempotent', ['created_by', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('transfers_payer').on('transfers').columns(['payer_account_id', 'state']).execute();
  await db.schema.createIndex('transfers_payee').on('transfers').columns(['payee_account_id', 'state']).execute();
  await db.schema.createIndex('transfers_awaiting').on('transfers').columns(['awaiting_account_id']).execute();
  // A transfer is reversed at most once, and has at most one reversal proposed at a time.
  await sql`CREATE UNIQUE INDEX transfers_reversed_once ON transfers (reverses_id) WHERE reverses_id IS NOT NULL AND state <> 'declined'`.execute(
    db,
  );
  // What a transfer says never changes; only a pending one may be decided, once.
  await sql`CREATE TRIGGER transfers_fixed BEFORE UPDATE ON transfers
    WHEN old.state <> 'pending'
      OR new.id IS NOT old.id OR new.currency_id IS NOT old.currency_id OR new.amount IS NOT old.amount
      OR new.payer_account_id IS NOT old.payer_account_id OR new.payee_account_id IS NOT old.payee_account_id
      OR new.kind IS NOT old.kind OR new.reverses_id IS NOT old.reverses_id OR new.created_by IS NOT old.created_by
    BEGIN SELECT RAISE(ABORT, 'transfers are decided once and otherwise never change'); END`.execute(db);
  await sql`CREATE TRIGGER transfers_kept BEFORE DELETE ON transfers
    BEGIN SELECT RAISE(ABORT, 'transfers are never deleted'); END`.execute(db);

  await db.schema
    .createTable('entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.id'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    // Signed: negative for the payer's debit, positive for the payee's credit.
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount <> 0`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('entries_one_per_side', ['transfer_id', 'account_id'])
    .execute();
  await db.schema.createIndex('entries_account').on('entries').columns(['account_id', 'id']).execute();
  await sql`CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: make a correcting transfer'); END`.execute(db);
  await sql`CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: make a correcting transfer'); END`.execute(db);
  await sql`CREATE TRIGGER entries_balance AFTER INSERT ON entries
    BEGIN UPDATE accounts SET balance = balance + new.amount WHERE id = new.account_id; END`.execute(db);

  // Stewards' changes to an account (limits, freezing), with their reasons.
  await db.schema
    .createTable('account_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change IN ('limits', 'freeze', 'unfreeze')`))
    .addColumn('lower_limit', 'integer', (c) => c.notNull())
    .addColumn('upper_limit', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('transfer_feedback')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('rating', 'text', (c) => c.notNull().check(sql`rating IN ('positive', 'neutral', 'negative')`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('transfer_feedback_once', ['transfer_id', 'author_id'])
    .execute();
  await db.schema
    .createIndex('transfer_feedback_subject')
    .on('transfer_feedback')
    .columns(['subject_id', 'created_at'])
    .execute();
}
