import crypto from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/database.js';
import type { ListingKind } from '../listings/listings.table.js';
import type { Actor } from '../auth/actor.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { iso } from '../lib/time.js';
import type { Listing } from '../listings/listings.js';
import type { ListingViewer } from '../listings/listings.queries.js';
import type { StartedConversation, UnreadOnListing } from '../listings/replies.queries.js';
import type { RemoteListing } from './remote-listings.js';
import { REMOTE_LISTINGS, shownSql } from './remote-listings.queries.js';

/**
 * "I'm interested" across towns: a member here writes about a sibling box's
 * listing, or answers someone from a sibling town about their own. Each
 * conversation has a UUID both boxes share; messages this box sends wait in
 * `federated_messages` until the other box takes them (it may be off), and
 * the peer layer (sync/replies/) delivers them (`messages.queries.ts`).
 */

export interface FederatedMessage {
  mine: boolean;
  body: string;
  createdAt: string;
  /** For a message sent from here: still waiting for the other box. */
  waiting: boolean;
  /** For a message sent from here: why the other box refused it. */
  refused: string | null;
}

export interface FederatedConversation {
  uuid: string;
  otherName: string;
  /** The other box, by the name this box's stewards gave it; null once it is no longer a sibling. */
  town: string | null;
  messages: number;
  unread: number;
  lastAt: string;
}

interface ConversationRow {
  id: number;
  uuid: string;
  other_name: string;
  town: string | null;
  read_id: number;
}

async function insertOutgoing(db: DB, conversationId: number, body: string, now: Date): Promise<void> {
  await db
    .insertInto('federated_messages')
    .values({
      uuid: crypto.randomUUID(),
      conversation_id: conversationId,
      mine: 1,
      body,
      created_at: iso(now),
      next_attempt_at: iso(now),
    })
    .execute();
}

async function messagesOf(db: DB, conversation: ConversationRow): Promise<FederatedMessage[]> {
  const rows = await db
    .selectFrom('federated_messages')
    .select(['id', 'mine', 'body', 'created_at', 'delivered_at', 'refused'])
    .where('conversation_id', '=', conversation.id)
    .orderBy('id')
    .execute();
  const last = rows.at(-1);
  if (last && last.id > conversation.read_id)
    await db
      .updateTable('federated_conversations')
      .set({ read_id: last.id })
      .where('id', '=', conversation.id)
      .execute();
  return rows.map((m) => ({
    mine: m.mine === 1,
    body: m.body,
    createdAt: m.created_at,
    waiting: m.mine === 1 && m.delivered_at === null && m.refused === null,
    refused: m.refused,
  }));
}

const conversationColumns = sql<ConversationRow>`c.id, c.uuid, c.other_name, s.name AS town, c.read_id`;

/** A member's conversation about a sibling town's listing, read (and marked read); null before they have written. */
export async function readRemoteConversation(
  db: DB,
  actor: Actor,
  listing: RemoteListing,
): Promise<FederatedMessage[] | null> {
  const { rows } = await sql<ConversationRow>`SELECT ${conversationColumns}
    FROM federated_conversations c LEFT JOIN siblings s ON s.peer_id = c.peer
    WHERE c.side = 'replier' AND c.listing_id = ${listing.id} AND c.member_id = ${actor.id}`.execute(db);
  return rows[0] ? messagesOf(db, rows[0]) : null;
}

/** Writes to the author of a sibling town's listing, starting the conversation the first time. */
export async function replyToRemoteListing(
  db: DB,
  actor: Actor,
  listing: RemoteListing,
  body: string,
  now: Date,
): Promise<void> {
  const existing = await db
    .selectFrom('federated_conversations')
    .select('id')
    .where('side', '=', 'replier')
    .where('listing_id', '=', listing.id)
    .where('member_id', '=', actor.id)
    .executeTakeFirst();
  const id =
    existing?.id ??
    (
      await db
        .insertInto('federated_conversations')
        .values({
          uuid: crypto.randomUUID(),
          listing_id: listing.id,
          listing_title: listing.title,
          peer: listing.origin.peerId,
          side: 'replier',
          member_id: actor.id,
          // Empty when their town does not show the author's name: the page says "the author" in its own language.
          other_name: listing.authorName ?? '',
          created_at: iso(now),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  await insertOutgoing(db, id, body, now);
}

/** For the author of a local listing: the people from sibling towns who wrote about it. */
export async function findRemoteConversationsOn(
  db: DB,
  author: Actor,
  listing: Listing,
): Promise<FederatedConversation[]> {
  const { rows } = await sql<
    ConversationRow & { messages: number; unread: number; last_at: string }
  >`SELECT ${conversationColumns},
      (SELECT count(*) FROM federated_messages m WHERE m.conversation_id = c.id) AS messages,
      (SELECT count(*) FROM federated_messages m
        WHERE m.conversation_id = c.id AND m.mine = 0 AND m.id > c.read_id) AS unread,
      (SELECT max(created_at) FROM federated_messages m WHERE m.conversation_id = c.id) AS last_at
    FROM federated_conversations c LEFT JOIN siblings s ON s.peer_id = c.peer
    WHERE c.side = 'author' AND c.listing_id = ${listing.id} AND c.member_id = ${author.id}
    ORDER BY last_at DESC`.execute(db);
  return rows.map((r) => ({
    uuid: r.uuid,
    otherName: r.other_name,
    town: r.town,
    messages: r.messages,
    unread: r.unread,
    lastAt: r.last_at,
  }));
}

async function authorConversation(db: DB, author: Actor, listing: Listing, uuid: string): Promise<ConversationRow> {
  const { rows } = await sql<ConversationRow>`SELECT ${conversationColumns}
    FROM federated_conversations c LEFT JOIN siblings s ON s.peer_id = c.peer
    WHERE c.side = 'author' AND c.uuid = ${uuid} AND c.listing_id = ${listing.id}
      AND c.member_id = ${author.id}`.execute(db);
  if (!rows[0]) throw new NotFound(msg('federation.conversations.notFound'));
  return rows[0];
}

/** The author opens one conversation with someone from a sibling town (and it is marked read). */
export async function readAuthorConversation(
  db: DB,
  author: Actor,
  listing: Listing,
  uuid: string,
): Promise<{ uuid: string; otherName: string; town: string | null; messages: FederatedMessage[] }> {
  const conversation = await authorConversation(db, author, listing, uuid);
  return {
    uuid,
    otherName: conversation.other_name,
    town: conversation.town,
    messages: await messagesOf(db, conversation),
  };
}

/** The author answers someone from a sibling town. */
export async function answerRemoteReplier(
  db: DB,
  author: Actor,
  listing: Listing,
  uuid: string,
  body: string,
  now: Date,
): Promise<void> {
  const conversation = await authorConversation(db, author, listing, uuid);
  await insertOutgoing(db, conversation.id, body, now);
}

/** A message in a conversation `c` from the other town that the member here has not opened. */
const unreadHere = sql<boolean>`(m.mine = 0 AND m.id > c.read_id)`;

/** For "My listings": the unread messages from other towns on each of the author's listings. */
export async function countUnreadFederatedByListing(db: DB, authorId: number): Promise<UnreadOnListing[]> {
  const { rows } = await sql<{
    listing_id: string;
    archived: number;
    n: number;
  }>`SELECT l.id AS listing_id, l.archived_at IS NOT NULL AS archived, count(*) AS n
    FROM federated_messages m JOIN federated_conversations c ON c.id = m.conversation_id
      JOIN listings l ON l.id = c.listing_id AND l.author_id = c.member_id
    WHERE c.side = 'author' AND c.member_id = ${authorId} AND ${unreadHere}
    GROUP BY l.seq`.execute(db);
  return rows.map((r) => ({ listingId: r.listing_id, archived: r.archived === 1, unread: r.n }));
}

/**
 * The conversations `viewer` started about sibling towns' listings they may
 * still open (as `m`, one row per message): once a listing is withdrawn,
 * expires or its town is no longer a sibling, its page is gone, and so is its
 * conversation from "My listings" and from the header's count.
 */
function startedThereSql(viewer: NonNullable<ListingViewer>, now: Date): RawBuilder<unknown> {
  return sql`FROM ${REMOTE_LISTINGS}
    JOIN federated_conversations c ON c.listing_id = r.id AND c.peer = r.origin
    JOIN federated_messages m ON m.conversation_id = c.id
    WHERE c.side = 'replier' AND c.member_id = ${viewer.id} AND ${sql.join(shownSql(viewer, now), sql` AND `)}`;
}

/** Unread messages in the conversations the viewer started with other towns: part of the header's count. */
export async function countUnreadInStartedThere(
  db: DB,
  viewer: NonNullable<ListingViewer>,
  now: Date,
): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*) AS n ${startedThereSql(viewer, now)} AND ${unreadHere}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The first `count` conversations the viewer started with other towns and may still open, latest message first. */
export async function findConversationsStartedThere(
  db: DB,
  viewer: NonNullable<ListingViewer>,
  now: Date,
  count: number,
): Promise<StartedConversation[]> {
  const { rows } = await sql<{
    listing_id: string;
    title: string;
    kind: ListingKind;
    other_name: string;
    town: string;
    last_at: string;
    unread: number;
  }>`
    SELECT r.id AS listing_id, r.title, r.kind, c.other_name, s.name AS town, max(m.created_at) AS last_at,
      sum(CASE WHEN ${unreadHere} THEN 1 ELSE 0 END) AS unread
    ${startedThereSql(viewer, now)}
    GROUP BY c.id
    ORDER BY last_at DESC, max(m.id) DESC
    LIMIT ${count}`.execute(db);
  return rows.map((r) => ({
    listingId: r.listing_id,
    title: r.title,
    kind: r.kind,
    status: 'active',
    authorName: r.other_name || null,
    town: r.town,
    unread: r.unread,
    lastAt: r.last_at,
  }));
}
