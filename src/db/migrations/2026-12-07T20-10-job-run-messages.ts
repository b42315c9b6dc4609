// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * A job's result is stored as a message (a catalogue key and its values as JSON), not as English words, so the
 * health page and `marketcross doctor` show it in their reader's language (issue 11). The runs recorded before keep
 * their words: the scheduler's own "cut short" becomes its key, any other result is shown as it was written
 * (`jobs.asRecorded`). The old `message` column stays, unused, for a release going back to an older one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE job_runs ADD COLUMN message_key TEXT`.execute(db);
  await sql`ALTER TABLE job_runs ADD COLUMN message_values TEXT`.execute(db);
  await sql`UPDATE job_runs SET message_key = 'jobs.cutShort'
            WHERE message = 'Cut short: the server stopped during this run.'`.execute(db);
  await sql`UPDATE job_runs SET message_key = 'jobs.asRecorded', message_values = json_object('words', message)
            WHERE message <> '' AND message_key IS NULL`.execute(db);
}
