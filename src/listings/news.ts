import type { DB } from '../db/database.js';
import { countUnreadNotices } from './listings.queries.js';
import { countUnreadReplies } from './replies.queries.js';

/** Unread replies plus unread reminders: what the header's count on "My listings" says. */
export async function countListingNews(db: DB, memberId: number): Promise<number> {
  const [replies, notices] = await Promise.all([countUnreadReplies(db, memberId), countUnreadNotices(db, memberId)]);
  return replies + notices;
}
