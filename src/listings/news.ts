import type { DB } from '../db/database.js';
import { countUnreadNotices } from './listings.queries.js';
import { countUnreadFederated } from './federated-replies.js';
import { countUnreadReplies } from './replies.queries.js';

/** Unread replies (from here and from other towns) plus unread reminders: what the header's count on "My listings" says. */
export async function countListingNews(db: DB, memberId: number): Promise<number> {
  const [replies, federated, notices] = await Promise.all([countUnreadReplies(db, memberId), countUnreadFederated(db, memberId), countUnreadNotices(db, memberId)]);
  return replies + federated + notices;
}
