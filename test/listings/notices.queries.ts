import type { DB } from '../../src/db/database.js';

/** A notice as the box stored them before keys: its English words, no values. */
export async function insertNoticeInWords(
  db: DB,
  notice: { memberId: number; listingSeq: number; words: string; at: Date },
): Promise<void> {
  await db
    .insertInto('listing_notices')
    .values({
      member_id: notice.memberId,
      listing_seq: notice.listingSeq,
      message: notice.words,
      created_at: notice.at.toISOString(),
    })
    .execute();
}

/** A member's notices unread again, to read them in another language. */
export async function markNoticesUnread(db: DB, memberId: number): Promise<void> {
  await db.updateTable('listing_notices').set({ read_at: null }).where('member_id', '=', memberId).execute();
}
