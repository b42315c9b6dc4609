import { sql } from 'kysely';
import type { DB, Visibility } from '../db/database.js';
import { iso } from '../lib/time.js';
import { canSee, viewerReach } from '../members/members.js';
import type { PersonShown } from './listings.js';

export interface ConversationSummary {
  id: number;
  replier: PersonShown;
  messages: number;
  unread: number;
  lastAt: string;
}

export interface Message {
  sender: PersonShown;
  mine: boolean;
  body: string;
  createdAt: string;
}

function shown(row: { id: number; handle: string; display_name: string; name_visibility: Visibility }, viewerId: number): PersonShown {
  return { id: row.id, handle: row.handle, name: canSee(viewerReach(viewerId, row.id), row.name_visibility) ? row.display_name : row.handle };
}

export async function findConversationId(db: DB, listingSeq: number, replierId: number): Promise<number | null> {
  const row = await db.selectFrom('listing_conversations').select('id').where('listing_seq', '=', listingSeq).where('replier_id', '=', replierId).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertConversation(db: DB, listingSeq: number, replierId: number, now: Date): Promise<number> {
  const { id } = await db.insertInto('listing_conversations').values({ listing_seq: listingSeq, replier_id: replierId, created_at: iso(now) }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertMessage(db: DB, conversationId: number, senderId: number, body: string, now: Date): Promise<void> {
  await db.insertInto('listing_messages').values({ conversation_id: conversationId, sender_id: senderId, body, created_at: iso(now) }).execute();
}

/** For the author: everyone who replied, with how many of their messages the author has not read. */
export async function findConversationsOn(db: DB, listingSeq: number, authorId: number): Promise<ConversationSummary[]> {
  const rows = await db
    .selectFrom('listing_conversations as c')
    .innerJoin('members as r', 'r.id', 'c.replier_id')
    .innerJoin('listing_messages as m', 'm.conversation_id', 'c.id')
    .select(['c.id', 'r.id as replier_id', 'r.handle', 'r.display_name', 'r.name_visibility'])
    .select((eb) => [
      eb.fn.countAll<number>().as('messages'),
      eb.fn.max('m.created_at').as('last_at'),
      eb.fn.sum<number>(sql`CASE WHEN m.sender_id <> ${authorId} AND m.id > c.author_read_id THEN 1 ELSE 0 END`).as('unread'),
    ])
    .where('c.listing_seq', '=', listingSeq)
    .groupBy('c.id')
    .orderBy('last_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    replier: shown({ id: r.replier_id, handle: r.handle, display_name: r.display_name, name_visibility: r.name_visibility }, authorId),
    messages: Number(r.messages),
    unread: Number(r.unread),
    lastAt: r.last_at,
  }));
}

export async function findMessages(db: DB, conversationId: number, viewerId: number): Promise<Message[]> {
  const rows = await db
    .selectFrom('listing_messages as m')
    .innerJoin('members as s', 's.id', 'm.sender_id')
    .select(['s.id', 's.handle', 's.display_name', 's.name_visibility', 'm.body', 'm.created_at'])
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ sender: shown(r, viewerId), mine: r.id === viewerId, body: r.body, createdAt: r.created_at }));
}

/** Everything in the conversation so far is read by one side. */
export async function markConversationRead(db: DB, conversationId: number, side: 'author' | 'replier'): Promise<void> {
  const last = sql<number>`(SELECT COALESCE(MAX(id), 0) FROM listing_messages WHERE conversation_id = ${conversationId})`;
  const set = side === 'author' ? { author_read_id: last } : { replier_read_id: last };
  await db.updateTable('listing_conversations').set(set).where('id', '=', conversationId).execute();
}

/** Messages to this member, on their listings or in their replies, that they have not opened yet: the count in the header. */
export async function countUnreadReplies(db: DB, memberId: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n
    FROM listing_messages m
    JOIN listing_conversations c ON c.id = m.conversation_id
    JOIN listings l ON l.seq = c.listing_seq
    WHERE m.sender_id <> ${memberId} AND (
      (c.replier_id = ${memberId} AND m.id > c.replier_read_id)
      OR (l.author_id = ${memberId} AND m.id > c.author_read_id))`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** For "My listings": how many unread messages each of the author's listings has, by listing seq. */
export async function countUnreadRepliesByListing(db: DB, authorId: number): Promise<Map<number, number>> {
  const { rows } = await sql<{ seq: number; n: number }>`SELECT c.listing_seq AS seq, COUNT(*) AS n
    FROM listing_messages m
    JOIN listing_conversations c ON c.id = m.conversation_id
    JOIN listings l ON l.seq = c.listing_seq
    WHERE l.author_id = ${authorId} AND m.sender_id <> ${authorId} AND m.id > c.author_read_id
    GROUP BY c.listing_seq`.execute(db);
  return new Map(rows.map((r) => [r.seq, Number(r.n)]));
}
