import { z } from 'zod';
import type { DB } from '../db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/errors.js';
import { choice, optionalText } from '../http/forms.js';
import { addDays } from '../lib/time.js';
import { findAccountById, findTransfer } from './ledger.queries.js';
import type { Actor } from './ledger.js';
import { findFeedbackAbout, findFeedbackBy, insertFeedback, updateFeedback, type Feedback, type FeedbackSummary } from './feedback.queries.js';
import type { CurrentMember } from '../http/context.js';

/**
 * After a completed transfer each party may leave feedback on the other,
 * once: positive, neutral or negative, with a comment. It can be changed for
 * 14 days, then it is fixed, so a reputation cannot be rewritten later.
 */
const FEEDBACK_EDIT_DAYS = 14;

export const feedbackSchema = z.object({
  rating: choice('Rating', ['positive', 'neutral', 'negative']),
  comment: optionalText('Comment', 1000),
});

export function feedbackWindowOpen(feedback: Pick<Feedback, 'createdAt'>, now: Date): boolean {
  return addDays(new Date(feedback.createdAt), FEEDBACK_EDIT_DAYS) > now;
}

export async function leaveFeedback(trx: DB, actor: Actor, transferId: string, input: z.output<typeof feedbackSchema>, now: Date): Promise<void> {
  const transfer = /^[0-9a-f-]{36}$/i.test(transferId) ? await findTransfer(trx, transferId, now) : null;
  if (!transfer) throw new NotFoundError('There is no such transfer.');
  const [payer, payee] = await Promise.all([findAccountById(trx, transfer.payerAccountId), findAccountById(trx, transfer.payeeAccountId)]);
  const other = payer?.memberId === actor.id ? payee : payee?.memberId === actor.id ? payer : null;
  if (!other) throw new ForbiddenError('Only the two people in a transfer can leave feedback on it.');
  if (transfer.state !== 'completed') throw new ConflictError('Feedback can be left once the transfer is completed.');
  if (other.memberId === null) throw new ConflictError("Feedback is for people; this transfer was with a group's fund.");
  const existing = await findFeedbackBy(trx, transferId, actor.id);
  if (!existing) return insertFeedback(trx, { transferId, authorId: actor.id, subjectId: other.memberId, rating: input.rating, comment: input.comment }, now);
  if (!feedbackWindowOpen(existing, now)) throw new ConflictError(`Feedback can be changed for ${FEEDBACK_EDIT_DAYS} days; this one is now fixed.`);
  await updateFeedback(trx, existing.id, input.rating, input.comment, now);
}

/** The feedback a profile shows, to signed-in members only: it names who wrote it. */
export async function profileFeedback(db: DB, viewer: CurrentMember | null, handle: string): Promise<FeedbackSummary | null> {
  return viewer ? findFeedbackAbout(db, handle, 5) : null;
}
