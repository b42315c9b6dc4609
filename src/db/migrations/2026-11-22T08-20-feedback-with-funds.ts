// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * Feedback where a group's fund is a party to a transfer. Its admins write
 * for the fund (`author_group_id`; `author_id` stays the admin who wrote it),
 * and a fund can be what feedback is about (`subject_group_id`, in place of
 * `subject_id`). Each side of a transfer leaves at most one piece of feedback,
 * whichever of a fund's admins writes it: unique per author for a member,
 * per group for a fund.
 *
 * SQLite cannot drop NOT NULL from `subject_id`, so the table is rebuilt and
 * every row copied (ids kept). Nothing references `transfer_feedback`, so the
 * old table can go. The group columns carry no foreign key, like
 * `accounts.group_id`: a group may be deleted, its fund's history may not.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('transfer_feedback_new')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('author_group_id', 'integer')
    .addColumn('subject_id', 'integer', (c) => c.references('members.id'))
    .addColumn('subject_group_id', 'integer')
    .addColumn('rating', 'text', (c) => c.notNull().check(sql`rating IN ('positive', 'neutral', 'negative')`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('transfer_feedback_one_subject', sql`(subject_id IS NULL) <> (subject_group_id IS NULL)`)
    .execute();
  await sql`INSERT INTO transfer_feedback_new (id, transfer_id, author_id, subject_id, rating, comment, created_at, updated_at)
    SELECT id, transfer_id, author_id, subject_id, rating, comment, created_at, updated_at FROM transfer_feedback`.execute(
    db,
  );
  await db.schema.dropTable('transfer_feedback').execute();
  await db.schema.alterTable('transfer_feedback_new').renameTo('transfer_feedback').execute();

  await sql`CREATE UNIQUE INDEX transfer_feedback_once_by_member ON transfer_feedback (transfer_id, author_id) WHERE author_group_id IS NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX transfer_feedback_once_by_fund ON transfer_feedback (transfer_id, author_group_id) WHERE author_group_id IS NOT NULL`.execute(
    db,
  );
  await db.schema
    .createIndex('transfer_feedback_subject')
    .on('transfer_feedback')
    .columns(['subject_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('transfer_feedback_subject_group')
    .on('transfer_feedback')
    .columns(['subject_group_id', 'created_at'])
    .execute();
}
