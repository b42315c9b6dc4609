// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * A listing notice is stored as a catalogue key and its values, translated when the member reads it, rather than as
 * an English sentence. `message` holds the key when `message_values` is set (a JSON object of the values: `{}` for
 * none); the rows written before keep their English words in `message` with NULL here, and are shown as they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE listing_notices ADD COLUMN message_values TEXT`.execute(db);
}
