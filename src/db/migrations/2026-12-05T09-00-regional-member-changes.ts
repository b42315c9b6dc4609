// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * A shared listing's record also says whether its author is an active member
 * and, if they show it to everyone, their name. So a change to either of those
 * on the member queues every listing they share, as a change to the listing
 * itself does (2026-11-22T08-30-federation): a suspended member's listings are
 * withdrawn from sibling boxes, a reinstated member's come back, and a renamed
 * or newly hidden name replaces the old one. Only an actual change fires it (a
 * profile save rewrites every column); even then the sync service makes no
 * record when what a sibling sees stays the same (a member who shows their name
 * to members only renames themselves).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TRIGGER members_regional_update AFTER UPDATE OF status, display_name, name_visibility ON members
    WHEN old.status IS NOT new.status OR old.display_name IS NOT new.display_name OR old.name_visibility IS NOT new.name_visibility BEGIN
    INSERT OR IGNORE INTO regional_changes(listing_seq) SELECT seq FROM listings WHERE author_id = new.id AND regional = 1;
  END`.execute(db);
}
