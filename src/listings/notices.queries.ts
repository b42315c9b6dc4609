import type { DB } from '../db/database.js';
import type { Message } from '../lib/messages.js';
import { iso } from '../lib/time.js';

/**
 * The in-app notices about a member's listings (no mail server is assumed): the expiry reminders the jobs write, read
 * and cleared on "My listings".
 */

/** Unarchived, never-closed listings expiring before `before` whose author has not been reminded of this expiry. */
export async function findListingsToRemind(
  db: DB,
  now: Date,
  before: Date,
): Promise<{ seq: number; id: string; authorId: number; title: string; expiresAt: string }[]> {
  const rows = await db
    .selectFrom('listings')
    .select(['seq', 'id', 'author_id', 'title', 'expires_at'])
    .where('reminded_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('done_at', 'is', null)
    .where('promised_to', 'is', null)
    .where('expires_at', '>', iso(now))
    .where('expires_at', '<=', iso(before))
    .execute();
  return rows.map((r) => ({ seq: r.seq, id: r.id, authorId: r.author_id, title: r.title, expiresAt: r.expires_at }));
}

/** A notice for a member, its words named by a catalogue message (its values text and numbers, kept as JSON). */
export async function insertNotice(
  db: DB,
  notice: { memberId: number; listingSeq: number; message: NoticeMessage; now: Date },
): Promise<void> {
  await db
    .insertInto('listing_notices')
    .values({
      member_id: notice.memberId,
      listing_seq: notice.listingSeq,
      message: notice.message.key,
      message_values: JSON.stringify(notice.message.values ?? {}),
      created_at: iso(notice.now),
    })
    .execute();
}

export async function markReminded(db: DB, seq: number, now: Date): Promise<void> {
  await db
    .updateTable('listings')
    .set({ reminded_at: iso(now) })
    .where('seq', '=', seq)
    .execute();
}

/** What a notice says: a catalogue key and values that survive JSON (dates as ISO strings, named `…At`). */
export interface NoticeMessage extends Message {
  readonly values?: Readonly<Record<string, string | number>>;
}

export interface Notice {
  id: number;
  listingId: string;
  message: NoticeMessage;
  createdAt: string;
}

/** A stored notice's message; a row from before keys keeps its English words, shown as they are. */
function storedMessage(row: { message: string; message_values: string | null }): NoticeMessage {
  if (row.message_values === null) return { key: 'listings.notice.asStored', values: { text: row.message } };
  return { key: row.message, values: JSON.parse(row.message_values) };
}

export async function findUnreadNotices(db: DB, memberId: number): Promise<Notice[]> {
  const rows = await db
    .selectFrom('listing_notices as n')
    .innerJoin('listings as l', 'l.seq', 'n.listing_seq')
    .select(['n.id', 'l.id as listing_id', 'n.message', 'n.message_values', 'n.created_at'])
    .where('n.member_id', '=', memberId)
    .where('n.read_at', 'is', null)
    .orderBy('n.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, listingId: r.listing_id, message: storedMessage(r), createdAt: r.created_at }));
}

export async function markNoticesRead(db: DB, memberId: number, now: Date): Promise<void> {
  await db
    .updateTable('listing_notices')
    .set({ read_at: iso(now) })
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .execute();
}

export async function countUnreadNotices(db: DB, memberId: number): Promise<number> {
  const row = await db
    .selectFrom('listing_notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
