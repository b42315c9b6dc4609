import { z } from 'zod';
import type { OutgoingMessage, RepliesPort } from '../port.js';
import { lowerCaseUuid } from '../records.js';

/**
 * `/marketcross/replies/1.0.0`: "I'm interested" on a sibling's listing, and
 * the author's answers, sent directly to the other box (never gossiped: a
 * conversation is private). One message per stream; the answer says whether
 * the box took it. See sync/PROTOCOL.md.
 */
export const REPLIES_PROTOCOL = '/marketcross/replies/1.0.0';
export const MAX_REPLY_BYTES = 16 * 1024;
/** Messages sent per upkeep pass, so a long queue cannot hold the pass up. */
const BATCH = 50;
/** The wait after a failed delivery doubles from this… */
const FIRST_RETRY_MS = 5_000;
/** …up to this (while the other box is connected; otherwise it waits for the connection anyway). */
const MAX_RETRY_MS = 10 * 60_000;

const replyMessageSchema = z.strictObject({
  v: z.literal(1),
  message: lowerCaseUuid,
  conversation: lowerCaseUuid,
  listing: lowerCaseUuid,
  to: z.enum(['author', 'replier']),
  // Empty when the sender keeps their name to their own box (§6 of PROTOCOL.md).
  sender_name: z.string().max(100),
  body: z.string().min(1).max(2000),
});

const replyAnswerSchema = z.strictObject({
  ok: z.boolean(),
  reason: z.enum(['invalid', 'unknown-listing', 'unknown-conversation']).optional(),
});
export type ReplyAnswer = z.output<typeof replyAnswerSchema>;

function encodeReply(message: OutgoingMessage): string {
  return JSON.stringify({
    v: 1,
    message: message.uuid,
    conversation: message.conversation,
    listing: message.listing,
    to: message.to,
    sender_name: message.senderName,
    body: message.body,
  });
}

/**
 * The receiving side: checks the message and hands it to the listings module. A message that does not match the
 * schema is told to `malformed` (to count against the sender) and refused as invalid.
 */
export async function answerReply(
  box: RepliesPort,
  from: string,
  raw: unknown,
  now: Date,
  malformed: (why: string) => Promise<void>,
): Promise<ReplyAnswer> {
  const parsed = replyMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    await malformed(
      `A reply does not match the schema (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}).`,
    );
    return { ok: false, reason: 'invalid' };
  }
  const m = parsed.data;
  const outcome = await box.receiveFederatedMessage(
    from,
    {
      uuid: m.message,
      conversation: m.conversation,
      listing: m.listing,
      to: m.to,
      senderName: m.sender_name,
      body: m.body,
    },
    now,
  );
  return outcome === 'ok' ? { ok: true } : { ok: false, reason: outcome };
}

/**
 * Sends what waits for the connected siblings. A message refused for good is
 * marked so (its sender sees why); one that fails on the way is retried later.
 */
export async function deliverWaiting(
  box: RepliesPort,
  connected: readonly string[],
  send: (peer: string, encoded: string) => Promise<unknown>,
  now: () => Date,
): Promise<number> {
  let delivered = 0;
  for (const message of await box.findWaitingMessages(connected, now(), BATCH)) {
    try {
      const answer = replyAnswerSchema.parse(await send(message.peer, encodeReply(message)));
      if (answer.ok) {
        await box.markDelivered(message.id, now());
        delivered++;
      } else {
        await box.markRefused(message.id, answer.reason ?? 'invalid');
      }
    } catch {
      const attempts = message.attempts + 1;
      await box.markAttemptFailed(
        message.id,
        attempts,
        new Date(now().getTime() + Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS)),
      );
    }
  }
  return delivered;
}
