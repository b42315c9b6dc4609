import { z } from 'zod';
import type { DB } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { optionalText, requiredText } from '../lib/fields.js';
import type { Listing } from './listings.js';
import { isAuthor, requireCanDo } from './listing-access.js';
import {
  findConversationId,
  findConversationsOn,
  findMessages,
  insertConversation,
  insertMessage,
  markConversationRead,
  type ConversationSummary,
  type Message,
} from './replies.queries.js';

/**
 * "I'm interested": each replier has one private conversation with the
 * author about a listing. Nobody else sees it, not even other repliers.
 */

export const replySchema = z.object({
  body: requiredText(
    {
      notText: 'listings.field.messageNotText',
      tooLong: 'listings.field.messageTooLong',
      required: 'listings.field.messageRequired',
    },
    2000,
  ),
  /** When the author answers: the handle of the replier they answer. */
  with: optionalText({ notText: 'listings.field.replierNotText', tooLong: 'listings.field.replierTooLong' }, 100),
  /** When the author answers someone from a sibling town: the conversation's UUID. */
  conversation: optionalText(
    { notText: 'listings.field.conversationNotText', tooLong: 'listings.field.conversationTooLong' },
    36,
  ),
});

export interface ConversationView {
  /** For the author: everyone who replied. */
  conversations: ConversationSummary[];
  /** The open conversation: the viewer's own (`with` null), or the author's with one replier (`with`: their handle). */
  open: { with: string | null; messages: Message[] } | null;
}

/** What the viewer may read of the replies on a listing; opening a conversation marks it read. */
export async function readConversations(
  db: DB,
  actor: Actor,
  listing: Listing,
  withHandle: string | null,
): Promise<ConversationView> {
  if (isAuthor(listing, actor.id)) {
    const conversations = await findConversationsOn(db, listing.seq, actor.id);
    const chosen = conversations.find((c) => c.replier.handle === withHandle) ?? null;
    if (!chosen) return { conversations, open: null };
    await markConversationRead(db, chosen.id, 'author');
    return {
      conversations: conversations.map((c) => (c === chosen ? { ...c, unread: 0 } : c)),
      open: { with: chosen.replier.handle, messages: await findMessages(db, chosen.id, actor.id) },
    };
  }
  const id = await findConversationId(db, listing.seq, actor.id);
  if (id === null) return { conversations: [], open: null };
  await markConversationRead(db, id, 'replier');
  return { conversations: [], open: { with: null, messages: await findMessages(db, id, actor.id) } };
}

/**
 * Sends a message. A replier starts or continues their conversation (while the
 * listing is open to replies); the author answers a replier by handle.
 */
export async function sendReply(
  db: DB,
  actor: Actor,
  listing: Listing,
  input: { body: string; with: string },
  now: Date,
): Promise<string> {
  requireCanDo(listing, 'reply');
  if (isAuthor(listing, actor.id)) {
    const conversation = (await findConversationsOn(db, listing.seq, actor.id)).find(
      (c) => c.replier.handle === input.with,
    );
    if (!conversation) throw new NotFound(msg('listings.error.noConversation'));
    await insertMessage(db, conversation.id, actor.id, input.body, now);
    await markConversationRead(db, conversation.id, 'author');
    return conversation.replier.handle;
  }
  const id =
    (await findConversationId(db, listing.seq, actor.id)) ?? (await insertConversation(db, listing.seq, actor.id, now));
  await insertMessage(db, id, actor.id, input.body, now);
  await markConversationRead(db, id, 'replier');
  return actor.handle;
}

/** The members who replied: the people the author may promise the listing to. */
export async function repliersOf(db: DB, author: Actor, listing: Listing): Promise<ConversationSummary['replier'][]> {
  return (await findConversationsOn(db, listing.seq, author.id)).map((c) => c.replier);
}
