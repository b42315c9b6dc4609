// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * A conversation a member here starts about a sibling town's listing whose author's name that town does not show kept
 * an English stand-in for the name, "The author, in <town>", shown as it was on every page, French ones included. The
 * name is now left empty, and the page says "the author" in the reader's language (the town is shown beside it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE federated_conversations SET other_name = ''
    WHERE side = 'replier' AND other_name LIKE 'The author, in %'
  `.execute(db);
}
