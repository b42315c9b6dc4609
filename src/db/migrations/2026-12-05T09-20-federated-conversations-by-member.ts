// Frozen in time: this migration must never import app code or change once released.
import type { Kysely } from 'kysely';

/**
 * The page header counts a member's unread messages with other towns on every
 * page they open, by member and side: without this index each count read
 * every conversation the box has ever had with its siblings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('federated_conversations_member')
    .on('federated_conversations')
    .columns(['member_id', 'side'])
    .execute();
}
