import type { DB, FeedbackRating } from '../db/database.js';
import { iso } from '../lib/time.js';
import { canSee } from '../members/members.js';

/** Feedback after transfers: SQL named by the question. */

export interface Feedback {
  id: number;
  transferId: string;
  authorId: number;
  authorHandle: string;
  /** Null when the author shows their name only to themselves. */
  authorName: string | null;
  subjectId: number;
  rating: FeedbackRating;
  comment: string;
  createdAt: string;
  updatedAt: string;
}

function selectFeedback(db: DB) {
  return db
    .selectFrom('transfer_feedback as f')
    .innerJoin('members as a', 'a.id', 'f.author_id')
    .select(['f.id', 'f.transfer_id', 'f.author_id', 'a.handle', 'a.display_name', 'a.name_visibility', 'f.subject_id', 'f.rating', 'f.comment', 'f.created_at', 'f.updated_at']);
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
    subjectId: r.subject_id,
    rating: r.rating,
    comment: r.comment,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findFeedbackFor(db: DB, transferId: string): Promise<Feedback[]> {
  return (await selectFeedback(db).where('f.transfer_id', '=', transferId).orderBy('f.id').execute()).map(toFeedback);
}

export async function findFeedbackBy(db: DB, transferId: string, authorId: number): Promise<Feedback | null> {
  const row = await selectFeedback(db).where('f.transfer_id', '=', transferId).where('f.author_id', '=', authorId).executeTakeFirst();
  return row ? toFeedback(row) : null;
}

export async function insertFeedback(db: DB, f: { transferId: string; authorId: number; subjectId: number; rating: FeedbackRating; comment: string }, now: Date): Promise<void> {
  await db
    .insertInto('transfer_feedback')
    .values({ transfer_id: f.transferId, author_id: f.authorId, subject_id: f.subjectId, rating: f.rating, comment: f.comment, created_at: iso(now), updated_at: iso(now) })
    .execute();
}

export async function updateFeedback(db: DB, id: number, rating: FeedbackRating, comment: string, now: Date): Promise<void> {
  await db.updateTable('transfer_feedback').set({ rating, comment, updated_at: iso(now) }).where('id', '=', id).execute();
}

export interface FeedbackSummary {
  counts: Record<FeedbackRating, number>;
  recent: Feedback[];
}

/** What a profile shows: counts by rating, and the most recent comments with who wrote them. */
export async function findFeedbackAbout(db: DB, handle: string, recent: number): Promise<FeedbackSummary> {
  const member = await db.selectFrom('members').select('id').where('handle', '=', handle).executeTakeFirst();
  const memberId = member?.id ?? -1;
  const rows = await db.selectFrom('transfer_feedback').select(['rating']).select((eb) => eb.fn.countAll<number>().as('n')).where('subject_id', '=', memberId).groupBy('rating').execute();
  const counts: Record<FeedbackRating, number> = { positive: 0, neutral: 0, negative: 0 };
  for (const row of rows) counts[row.rating] = row.n;
  const latest = await selectFeedback(db).where('f.subject_id', '=', memberId).where('f.comment', '<>', '').orderBy('f.updated_at', 'desc').limit(recent).execute();
  return { counts, recent: latest.map(toFeedback) };
}
