import type { IncomingMessage, OutgoingMessage, Refusal } from '../../sync/port.js';
import type { DB } from '../db/database.js';
import { iso } from '../lib/time.js';
import { canDo } from '../listings/listing-access.js';
import { findSharedListing } from '../listings/listings.queries.js';

/**
 * The wire side of conversations across towns: messages a sibling delivered,
 * and those waiting here for their box, which the peer layer sends
 * (sync/replies/) through the port (`sync-port.ts`).
 */

/**
 * The name that goes with a member's message to another town: their name only if they show it to everyone, otherwise
 * none (an empty `sender_name`), and the receiving box says "a member" in its reader's language, beside the town.
 */
async function outgoingName(db: DB, memberId: number): Promise<string> {
  const row = await db
    .selectFrom('members')
    .select(['display_name', 'name_visibility'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  return row.name_visibility === 'everyone' ? row.display_name : '';
}

/**
 * Boxes before the empty `sender_name` sent "A member of <their town>" for a name kept to its box: in English,
 * whatever the reader's language. It is stored as no name, to be put in the reader's words like an empty one.
 */
const unnamedName = (senderName: string) => (/^A member of ./.test(senderName) ? '' : senderName);

/**
 * Takes a message a sibling box delivered. Idempotent: a message delivered
 * twice (the answer was lost) is stored once.
 */
export async function receiveFederatedMessage(
  db: DB,
  from: string,
  message: IncomingMessage,
  now: Date,
): Promise<'ok' | Refusal> {
  const seen = await db
    .selectFrom('federated_messages')
    .select('id')
    .where('uuid', '=', message.uuid)
    .executeTakeFirst();
  if (seen) return 'ok';
  const conversation = await db
    .selectFrom('federated_conversations')
    .select(['id', 'peer', 'side', 'listing_id'])
    .where('uuid', '=', message.conversation)
    .executeTakeFirst();
  let conversationId: number;
  if (conversation) {
    // Only the box on the other side of a conversation may write into it, and only to the side it is for.
    if (conversation.peer !== from || conversation.side !== message.to || conversation.listing_id !== message.listing)
      return 'unknown-conversation';
    conversationId = conversation.id;
  } else {
    if (message.to !== 'author') return 'unknown-conversation';
    const listing = await findSharedListing(db, message.listing, now);
    // The rule local replies follow: a withdrawn, done or expired listing takes no new conversation (its withdraw may
    // not have reached the sender yet).
    if (!listing || !canDo(listing, 'reply')) return 'unknown-listing';
    conversationId = (
      await db
        .insertInto('federated_conversations')
        .values({
          uuid: message.conversation,
          listing_id: message.listing,
          listing_title: listing.title,
          peer: from,
          side: 'author',
          member_id: listing.authorId,
          other_name: unnamedName(message.senderName),
          created_at: iso(now),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  await db
    .insertInto('federated_messages')
    .values({
      uuid: message.uuid,
      conversation_id: conversationId,
      mine: 0,
      body: message.body,
      created_at: iso(now),
      delivered_at: iso(now),
    })
    .execute();
  return 'ok';
}

/** Messages waiting for the given boxes (those connected now), oldest first. */
export async function findWaitingMessages(
  db: DB,
  peers: readonly string[],
  now: Date,
  limit: number,
): Promise<OutgoingMessage[]> {
  if (peers.length === 0) return [];
  const rows = await db
    .selectFrom('federated_messages as m')
    .innerJoin('federated_conversations as c', 'c.id', 'm.conversation_id')
    .select([
      'm.id',
      'm.uuid',
      'm.body',
      'm.attempts',
      'c.uuid as conversation',
      'c.listing_id',
      'c.side',
      'c.peer',
      'c.member_id',
    ])
    .where('m.delivered_at', 'is', null)
    .where('m.refused', 'is', null)
    .where('m.next_attempt_at', '<=', iso(now))
    .where('c.peer', 'in', [...peers])
    .orderBy('m.id')
    .limit(limit)
    .execute();
  const out: OutgoingMessage[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      uuid: r.uuid,
      peer: r.peer,
      attempts: r.attempts,
      conversation: r.conversation,
      listing: r.listing_id,
      // A message from the replier's side is for the author, and the other way round.
      to: r.side === 'replier' ? 'author' : 'replier',
      senderName: await outgoingName(db, r.member_id),
      body: r.body,
    });
  }
  return out;
}

export async function markDelivered(db: DB, id: number, now: Date): Promise<void> {
  await db
    .updateTable('federated_messages')
    .set({ delivered_at: iso(now) })
    .where('id', '=', id)
    .execute();
}

export async function markRefused(db: DB, id: number, reason: Refusal): Promise<void> {
  const words: Record<Refusal, string> = {
    'unknown-listing': 'the listing is closed or no longer shared',
    'unknown-conversation': 'the other box does not know this conversation',
    invalid: 'the other box could not read it',
  };
  await db.updateTable('federated_messages').set({ refused: words[reason] }).where('id', '=', id).execute();
}

export async function markAttemptFailed(db: DB, id: number, attempts: number, retryAt: Date): Promise<void> {
  await db
    .updateTable('federated_messages')
    .set({ attempts, next_attempt_at: iso(retryAt) })
    .where('id', '=', id)
    .execute();
}
