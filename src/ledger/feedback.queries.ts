import type { DB } from '../db/database.js';
import type { FeedbackRating } from './ledger.table.js';
import { iso } from '../lib/time.js';
import { canSee } from '../members/members.js';
import type { Party } from './ledger.js';

/** Feedback after transfers: SQL named by the question. */

export interface Feedback {
  id: number;
  transferId: string;
  authorId: number;
  authorHandle: string;
  /** Null when the author shows their name only to themselves. */
  authorName: string | null;
  /**
   * Set when the author wrote for a group's fund: the group, or `hidden` once
   * `hideGroupsFrom` has found that the viewer may not know the group exists.
   */
  forFund: { id: number; slug: string; name: string } | 'hidden' | null;
  rating: FeedbackRating;
  comment: string;
  createdAt: string;
  updatedAt: string;
}

function selectFeedback(db: DB) {
  return db
    .selectFrom('transfer_feedback as f')
    .innerJoin('members as a', 'a.id', 'f.author_id')
    .leftJoin('groups as g', 'g.id', 'f.author_group_id')
    .select([
      'f.id',
      'f.transfer_id',
      'f.author_id',
      'a.handle',
      'a.display_name',
      'a.name_visibility',
      'f.author_group_id',
      'g.slug',
      'g.name',
      'f.rating',
      'f.comment',
      'f.created_at',
      'f.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectFeedback>['executeTakeFirstOrThrow']>>;

function toFeedback(r: Row): Feedback {
  return {
    id: r.id,
    transferId: r.transfer_id,
    authorId: r.author_id,
    authorHandle: r.handle,
    // Feedback is shown to signed-in members only: the author's name follows the profile rule for members.
    authorName: canSee('members', r.name_visibility) ? r.display_name : null,
    // A deleted group's feedback stays; nobody can see the group any more.
    forFund:
      r.author_group_id === null
        ? null
        : r.slug !== null && r.name !== null
          ? { id: r.author_group_id, slug: r.slug, name: r.name }
          : 'hidden',
    rating: r.rating,
    comment: r.comment,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findFeedbackFor(db: DB, transferId: string): Promise<Feedback[]> {
  return (await selectFeedback(db).where('f.transfer_id', '=', transferId).orderBy('f.id').execute()).map(toFeedback);
}

/** The feedback one side of a transfer left: a member's own, or a fund's (whichever admin wrote it). */
export async function findFeedbackBy(db: DB, transferId: string, side: Party): Promise<Feedback | null> {
  const query = selectFeedback(db).where('f.transfer_id', '=', transferId);
  const row = await ('groupId' in side
    ? query.where('f.author_group_id', '=', side.groupId)
    : query.where('f.author_id', '=', side.memberId).where('f.author_group_id', 'is', null)
  ).executeTakeFirst();
  return row ? toFeedback(row) : null;
}

const subjectColumns = (subject: Party) =>
  'memberId' in subject
    ? { subject_id: subject.memberId, subject_group_id: null }
    : { subject_id: null, subject_group_id: subject.groupId };

export async function insertFeedback(
  db: DB,
  f: {
    transferId: string;
    authorId: number;
    authorGroupId: number | null;
    subject: Party;
    rating: FeedbackRating;
    comment: string;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('transfer_feedback')
    .values({
      transfer_id: f.transferId,
      author_id: f.authorId,
      author_group_id: f.authorGroupId,
      ...subjectColumns(f.subject),
      rating: f.rating,
      comment: f.comment,
      created_at: iso(now),
      updated_at: iso(now),
    })
    .execute();
}

/** Changes feedback; for a fund, the admin who changes it becomes its named author. */
export async function updateFeedback(
  db: DB,
  id: number,
  authorId: number,
  rating: FeedbackRating,
  comment: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('transfer_feedback')
    .set({ author_id: authorId, rating, comment, updated_at: iso(now) })
    .where('id', '=', id)
    .execute();
}

export interface FeedbackSummary {
  counts: Record<FeedbackRating, number>;
  recent: Feedback[];
}

/** What a profile or a group's page shows: counts by rating, and the most recent comments with who wrote them. */
export async function findFeedbackAbout(db: DB, subject: Party, recent: number): Promise<FeedbackSummary> {
  const counted = db
    .selectFrom('transfer_feedback')
    .select(['rating'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('rating');
  const rows = await ('memberId' in subject
    ? counted.where('subject_id', '=', subject.memberId)
    : counted.where('subject_group_id', '=', subject.groupId)
  ).execute();
  const counts: Record<FeedbackRating, number> = { positive: 0, neutral: 0, negative: 0 };
  for (const row of rows) counts[row.rating] = row.n;
  const commented = selectFeedback(db).where('f.comment', '<>', '').orderBy('f.updated_at', 'desc').limit(recent);
  const latest = await ('memberId' in subject
    ? commented.where('f.subject_id', '=', subject.memberId)
    : commented.where('f.subject_group_id', '=', subject.groupId)
  ).execute();
  return { counts, recent: latest.map(toFeedback) };
}
