import { z } from 'zod';
import type { DB } from '../db/database.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import type { Viewer } from '../groups/groups.js';
import { Conflict, Forbidden, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { optionalText } from '../lib/fields.js';
import { textRules } from './ledger-fields.js';
import { addDays } from '../lib/time.js';
import { findHoldersOf, findTraderByHandle } from './holders.queries.js';
import { findTransfer } from './transfers.queries.js';
import { partyOf, type Actor, type Holder, type HolderRef, type Party, type Transfer } from './ledger.js';
import {
  findFeedbackAbout,
  findFeedbackBy,
  insertFeedback,
  updateFeedback,
  type Feedback,
  type FeedbackSummary,
} from './feedback.queries.js';

/**
 * After a completed transfer each side may leave feedback on the other,
 * once: positive, neutral or negative, with a comment. It can be changed for
 * 14 days, then it is fixed, so a reputation cannot be rewritten later.
 *
 * A group's fund is a side like a member: its admins write the fund's
 * feedback (one for the fund, whichever admin writes it, named with the
 * group and the admin), and feedback about a fund shows on its group's page,
 * as a member's shows on their profile. A group that sells veg boxes or pays
 * volunteers earns a reputation the way a person does.
 */
const FEEDBACK_EDIT_DAYS = 14;

export const feedbackSchema = z.object({
  rating: z.enum(['positive', 'neutral', 'negative'], { error: 'ledger.field.rating.choose' }),
  comment: optionalText(textRules(), 1000),
});

function feedbackWindowOpen(feedback: Pick<Feedback, 'createdAt'>, now: Date): boolean {
  return addDays(new Date(feedback.createdAt), FEEDBACK_EDIT_DAYS) > now;
}

type Sides = { author: Holder; subject: Holder } | 'neither' | 'both';

/**
 * The side the actor speaks for, and the side their feedback is about. Someone
 * on both sides (an admin who paid their own group's fund) has nobody else to
 * judge.
 */
async function sidesFor(
  db: DB,
  actor: Actor,
  transfer: Pick<Transfer, 'payerAccountId' | 'payeeAccountId'>,
): Promise<Sides> {
  const [payer, payee] = await findHoldersOf(db, [transfer.payerAccountId, transfer.payeeAccountId]);
  const forPayer = payer!.actsFor(actor);
  const forPayee = payee!.actsFor(actor);
  if (forPayer && forPayee) return 'both';
  if (forPayer) return { author: payer!, subject: payee! };
  if (forPayee) return { author: payee!, subject: payer! };
  return 'neither';
}

export async function leaveFeedback(
  trx: DB,
  actor: Actor,
  transferId: string,
  input: z.output<typeof feedbackSchema>,
  now: Date,
): Promise<void> {
  const transfer = /^[0-9a-f-]{36}$/i.test(transferId) ? await findTransfer(trx, transferId, now) : null;
  if (!transfer) throw new NotFound(msg('ledger.errors.noTransfer'));
  const sides = await sidesFor(trx, actor, transfer);
  if (sides === 'neither') throw new Forbidden(msg('ledger.errors.feedbackSidesOnly'));
  if (transfer.state !== 'completed') throw new Conflict(msg('ledger.feedback.later'));
  if (sides === 'both') throw new Conflict(msg('ledger.errors.feedbackBothSides'));
  const author = partyOf(sides.author.account);
  const existing = await findFeedbackBy(trx, transferId, author);
  if (!existing) {
    const authorGroupId = 'groupId' in author ? author.groupId : null;
    return insertFeedback(
      trx,
      {
        transferId,
        authorId: actor.id,
        authorGroupId,
        subject: partyOf(sides.subject.account),
        rating: input.rating,
        comment: input.comment,
      },
      now,
    );
  }
  if (!feedbackWindowOpen(existing, now))
    throw new Conflict(msg('ledger.errors.feedbackFixed', { days: FEEDBACK_EDIT_DAYS }));
  await updateFeedback(trx, existing.id, actor.id, input.rating, input.comment, now);
}

/**
 * What a transfer's page offers the viewer: null when they may not leave
 * feedback on it; otherwise whom they write for (themselves or a fund), their
 * side's feedback so far, and whether it can still be changed. The same rule
 * as `leaveFeedback`, so the form shows only where it would be accepted.
 */
export async function feedbackFormFor(
  db: DB,
  actor: Actor,
  transfer: Pick<Transfer, 'id' | 'payerAccountId' | 'payeeAccountId' | 'state'>,
  now: Date,
): Promise<{ as: HolderRef; mine: Feedback | null; open: boolean } | null> {
  if (transfer.state !== 'completed') return null;
  const sides = await sidesFor(db, actor, transfer);
  if (typeof sides === 'string') return null;
  const mine = await findFeedbackBy(db, transfer.id, partyOf(sides.author.account));
  return { as: sides.author.ref, mine, open: mine === null || feedbackWindowOpen(mine, now) };
}

/**
 * Feedback written for a fund names its group: where the viewer may not see
 * that group, it says "a group" instead, and drops the admin's name, so a
 * private group is never revealed by its feedback on someone's profile.
 */
async function hideGroupsFrom(db: DB, viewer: Viewer, summary: FeedbackSummary): Promise<FeedbackSummary> {
  if (!summary.recent.some((f) => f.forFund !== null && f.forFund !== 'hidden')) return summary;
  const visible = new Set((await findVisibleGroups(db, viewer)).all.map((g) => g.id));
  const shown = (f: Feedback): Feedback =>
    f.forFund === null || f.forFund === 'hidden' || visible.has(f.forFund.id)
      ? f
      : { ...f, forFund: 'hidden', authorName: null };
  return { ...summary, recent: summary.recent.map(shown) };
}

/** Feedback about a member or a group's fund, shown to signed-in members only: it names who wrote it. */
export async function feedbackAbout(db: DB, actor: Actor | null, subject: Party): Promise<FeedbackSummary | null> {
  return actor ? hideGroupsFrom(db, actor, await findFeedbackAbout(db, subject, 5)) : null;
}

/** The feedback a member's profile shows. */
export async function profileFeedback(db: DB, actor: Actor | null, handle: string): Promise<FeedbackSummary | null> {
  const member = await findTraderByHandle(db, handle);
  return feedbackAbout(db, actor, { memberId: member?.id ?? -1 });
}
