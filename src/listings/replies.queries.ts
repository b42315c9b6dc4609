import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/database.js';
import type { ListingKind } from './listings.table.js';
import type { Visibility } from '../members/members.table.js';
import { iso } from '../lib/time.js';
import { canSee, viewerReach } from '../members/members.js';
import type { ListingStatus, PersonShown } from './listings.js';
import { openableSql, statusSql, type ListingViewer } from './listings.queries.js';

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

function shown(
  row: { id: number; handle: string; display_name: string; name_visibility: Visibility },
  viewerId: number,
): PersonShown {
  return {
    id: row.id,
    handle: row.handle,
    name: canSee(viewerReach(viewerId, row.id), row.name_visibility) ? row.display_name : row.handle,
  };
}

export async function findConversationId(db: DB, listingSeq: number, replierId: number): Promise<number | null> {
  const row = await db
    .selectFrom('listing_conversations')
    .select('id')
    .where('listing_seq', '=', listingSeq)
    .where('replier_id', '=', replierId)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertConversation(db: DB, listingSeq: number, replierId: number, now: Date): Promise<number> {
  const { id } = await db
    .insertInto('listing_conversations')
    .values({ listing_seq: listingSeq, replier_id: replierId, created_at: iso(now) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertMessage(
  db: DB,
  conversationId: number,
  senderId: number,
  body: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('listing_messages')
    .values({ conversation_id: conversationId, sender_id: senderId, body, created_at: iso(now) })
    .execute();
}

/** For the author: everyone who replied, with how many of their messages the author has not read. */
export async function findConversationsOn(
  db: DB,
  listingSeq: number,
  authorId: number,
): Promise<ConversationSummary[]> {
  const rows = await db
    .selectFrom('listing_conversations as c')
    .innerJoin('members as r', 'r.id', 'c.replier_id')
    .innerJoin('listing_messages as m', 'm.conversation_id', 'c.id')
    .select(['c.id', 'r.id as replier_id', 'r.handle', 'r.display_name', 'r.name_visibility'])
    .select((eb) => [
      eb.fn.countAll<number>().as('messages'),
      eb.fn.max('m.created_at').as('last_at'),
      eb.fn
        .sum<number>(sql`CASE WHEN m.sender_id <> ${authorId} AND m.id > c.author_read_id THEN 1 ELSE 0 END`)
        .as('unread'),
    ])
    .where('c.listing_seq', '=', listingSeq)
    .groupBy('c.id')
    .orderBy('last_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    replier: shown(
      { id: r.replier_id, handle: r.handle, display_name: r.display_name, name_visibility: r.name_visibility },
      authorId,
    ),
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
  return rows.map((r) => ({
    sender: shown(r, viewerId),
    mine: r.id === viewerId,
    body: r.body,
    createdAt: r.created_at,
  }));
}

/** Everything in the conversation so far is read by one side. */
export async function markConversationRead(db: DB, conversationId: number, side: 'author' | 'replier'): Promise<void> {
  const last = sql<number>`(
    SELECT COALESCE(MAX(id), 0) FROM listing_messages WHERE conversation_id = ${conversationId}
  )`;
  const set = side === 'author' ? { author_read_id: last } : { replier_read_id: last };
  await db.updateTable('listing_conversations').set(set).where('id', '=', conversationId).execute();
}

/** Unread replies on one of an author's listings: what "My listings" marks on it, and the header counts. */
export interface UnreadOnListing {
  listingId: string;
  /** Archived listings are on "My listings" only when asked for: their unread replies are counted apart. */
  archived: boolean;
  unread: number;
}

/**
 * For "My listings": the unread messages from repliers here on each of the author's listings (the author can always
 * open their own).
 */
export async function countUnreadRepliesByListing(db: DB, authorId: number): Promise<UnreadOnListing[]> {
  const { rows } = await sql<{
    listing_id: string;
    archived: number;
    n: number;
  }>`SELECT l.id AS listing_id, l.archived_at IS NOT NULL AS archived, COUNT(*) AS n
    FROM listing_messages m
    JOIN listing_conversations c ON c.id = m.conversation_id
    JOIN listings l ON l.seq = c.listing_seq
    WHERE l.author_id = ${authorId} AND m.sender_id <> ${authorId} AND m.id > c.author_read_id
    GROUP BY l.seq`.execute(db);
  return rows.map((r) => ({ listingId: r.listing_id, archived: r.archived === 1, unread: Number(r.n) }));
}

/**
 * A conversation a member started about someone else's listing (here or in a sibling town), as "My listings" lists it.
 */
export interface StartedConversation {
  listingId: string;
  title: string;
  kind: ListingKind;
  /** A sibling town's listing is shown only while it is active. */
  status: ListingStatus;
  /** The author, by the name the member may see; null when a sibling town does not show it. */
  authorName: string | null;
  /** The sibling town the author is in; null for a member here. */
  town: string | null;
  /** Messages to the member they have not opened yet. */
  unread: number;
  lastAt: string;
}

/**
 * The conversations `viewer` started on listings here that they may still
 * open (as `m`, one row per message): a listing they can no longer see (its
 * group left, its visibility narrowed, its author suspended) takes its
 * conversation out of "My listings" and out of the header's count, which
 * could otherwise never be cleared.
 */
function startedHereSql(viewer: NonNullable<ListingViewer>): RawBuilder<unknown> {
  return sql`FROM listing_conversations c
    JOIN listings l ON l.seq = c.listing_seq
    JOIN members a ON a.id = l.author_id
    JOIN listing_messages m ON m.conversation_id = c.id
    WHERE c.replier_id = ${viewer.id} AND ${openableSql(viewer)}`;
}

/** A message in `startedHereSql` from the author that the replier has not opened. */
const unreadByReplier = sql<boolean>`(m.sender_id <> c.replier_id AND m.id > c.replier_read_id)`;

/** Unread messages in the conversations the viewer started here: part of the header's count. */
export async function countUnreadInStartedHere(db: DB, viewer: NonNullable<ListingViewer>): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT COUNT(*) AS n ${startedHereSql(viewer)} AND ${unreadByReplier}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The first `count` conversations the viewer started here and may still open, latest message first. */
export async function findConversationsStartedHere(
  db: DB,
  viewer: NonNullable<ListingViewer>,
  now: Date,
  count: number,
): Promise<StartedConversation[]> {
  const { rows } = await sql<{
    listing_id: string;
    title: string;
    kind: ListingKind;
    status: ListingStatus;
    author_id: number;
    handle: string;
    display_name: string;
    name_visibility: Visibility;
    last_at: string;
    unread: number;
  }>`
    SELECT l.id AS listing_id, l.title, l.kind, ${statusSql(now)} AS status,
      a.id AS author_id, a.handle, a.display_name, a.name_visibility,
      MAX(m.created_at) AS last_at, SUM(CASE WHEN ${unreadByReplier} THEN 1 ELSE 0 END) AS unread
    ${startedHereSql(viewer)}
    GROUP BY c.id
    ORDER BY last_at DESC, MAX(m.id) DESC
    LIMIT ${count}`.execute(db);
  return rows.map((r) => ({
    listingId: r.listing_id,
    title: r.title,
    kind: r.kind,
    status: r.status,
    authorName: shown(
      { id: r.author_id, handle: r.handle, display_name: r.display_name, name_visibility: r.name_visibility },
      viewer.id,
    ).name,
    town: null,
    unread: Number(r.unread),
    lastAt: r.last_at,
  }));
}
