import { sql } from 'kysely';
import { canonicalJson, MAX_SEQ, recordTimesProblem, type SignedRecord } from '../../sync/records.js';
import type { DB } from '../db/database.js';
import { immediateTransaction } from '../db/immediate.js';
import { iso } from '../lib/time.js';

/**
 * The signed listing records this box holds (its own and its siblings'), and
 * how far it holds each origin's completely (its horizon). Taking in records
 * from siblings is in `record-intake.queries.ts`.
 */

/** The sequence number up to which this box holds every live record of `origin` (0 when none). */
export async function completeSeq(db: DB, origin: string): Promise<number> {
  const row = await db
    .selectFrom('listing_record_progress')
    .select('complete_seq')
    .where('origin', '=', origin)
    .executeTakeFirst();
  return row?.complete_seq ?? 0;
}

export async function advanceCompleteSeq(db: DB, origin: string, seq: number): Promise<void> {
  await sql`INSERT INTO listing_record_progress (origin, complete_seq) VALUES (${origin}, ${seq})
    ON CONFLICT (origin) DO UPDATE SET complete_seq = max(complete_seq, excluded.complete_seq)`.execute(db);
}

/**
 * Puts back progress marks a sibling could once move past what the box holds (issue 12: a catch-up answer's bare
 * `up_to` was taken as it came). Another origin's horizon goes back to the highest of its records held: at worst the
 * next catch-up asks for a few records again. This box's own counter goes back only when no box could have issued that
 * many (past `MAX_SEQ`), to its highest record held: below it, the numbers may have been issued, and are never
 * reused. Returns the origins put back.
 */
async function recoverProgress(db: DB, self: string): Promise<string[]> {
  const { rows } = await sql<{ origin: string }>`UPDATE listing_record_progress AS p
    SET complete_seq = (SELECT coalesce(max(seq), 0) FROM listing_records r WHERE r.origin = p.origin)
    WHERE complete_seq > (SELECT coalesce(max(seq), 0) FROM listing_records r WHERE r.origin = p.origin)
      AND (origin != ${self} OR complete_seq > ${MAX_SEQ})
    RETURNING origin`.execute(db);
  return rows.map((r) => r.origin);
}

/**
 * Drops the records of other origins (and their remote listings) whose times are impossible or out of range by this
 * box's clock: taken before sibling's times were checked (issue 12), they would be shown wrong or kept forever.
 * Returns how many went.
 */
async function dropRecordsOutOfRange(db: DB, self: string, now: Date): Promise<number> {
  // A box without a real-time clock may start with its clock behind: it is at least as late as its last record came.
  const last = await db
    .selectFrom('remote_listings')
    .select((eb) => eb.fn.max('received_at').as('at'))
    .executeTakeFirst();
  const reference = last?.at && last.at > iso(now) ? new Date(last.at) : now;
  const held = await db
    .selectFrom('listing_records')
    .select(['origin', 'listing_id', 'signed'])
    .where('origin', '!=', self)
    .execute();
  const bad = held.filter(
    (row) => recordTimesProblem((JSON.parse(row.signed) as SignedRecord).record, reference) !== null,
  );
  for (const { origin, listing_id } of bad) {
    await db.deleteFrom('listing_records').where('origin', '=', origin).where('listing_id', '=', listing_id).execute();
    await db.deleteFrom('remote_listings').where('origin', '=', origin).where('id', '=', listing_id).execute();
  }
  return bad.length;
}

/**
 * What the peer layer puts right when it starts, of what a sibling could once make it hold: progress marks past the
 * records held (`recoverProgress`) first, so that a record dropped for its times (`dropRecordsOutOfRange`) is not
 * asked for again.
 */
export async function recoverHeld(db: DB, self: string, now: Date): Promise<{ progress: string[]; dropped: number }> {
  return immediateTransaction(db, async (trx) => ({
    progress: await recoverProgress(trx, self),
    dropped: await dropRecordsOutOfRange(trx, self, now),
  }));
}

/** The next sequence number for this box's own records; never reused, even when old records are pruned. */
export async function issueSeq(db: DB, origin: string): Promise<number> {
  const { rows } = await sql<{
    complete_seq: number;
  }>`INSERT INTO listing_record_progress (origin, complete_seq) VALUES (${origin}, 1)
    ON CONFLICT (origin) DO UPDATE SET complete_seq = complete_seq + 1 RETURNING complete_seq`.execute(db);
  return rows[0]!.complete_seq;
}

/** The latest record held for a listing from an origin. */
export async function heldRecord(
  db: DB,
  origin: string,
  listingId: string,
): Promise<{ seq: number; signed: SignedRecord } | null> {
  const row = await db
    .selectFrom('listing_records')
    .select(['seq', 'signed'])
    .where('origin', '=', origin)
    .where('listing_id', '=', listingId)
    .executeTakeFirst();
  return row ? { seq: row.seq, signed: JSON.parse(row.signed) as SignedRecord } : null;
}

/** Keeps a signed record as the latest for its listing (older ones for the same listing are superseded). */
export async function storeRecord(db: DB, signed: SignedRecord): Promise<void> {
  const { record } = signed;
  const kept = { seq: record.seq, op: record.op, expires_at: record.expires_at, signed: canonicalJson(signed) };
  await db
    .insertInto('listing_records')
    .values({ origin: record.origin, listing_id: record.listing, ...kept })
    .onConflict((oc) => oc.columns(['origin', 'listing_id']).doUpdateSet(kept))
    .execute();
}

/**
 * This box's own new record, already signed; the caller holds the write transaction that issued its sequence number.
 */
export async function storeOwnRecord(db: DB, signed: SignedRecord): Promise<void> {
  await storeRecord(db, signed);
}

/**
 * Catch-up's answer for one origin: live records after `after`, in order, no further than what this box holds
 * completely.
 */
export async function recordsAfter(db: DB, origin: string, after: number, limit: number): Promise<string[]> {
  const horizon = await completeSeq(db, origin);
  if (horizon <= after) return [];
  const rows = await db
    .selectFrom('listing_records')
    .select('signed')
    .where('origin', '=', origin)
    .where('seq', '>', after)
    .where('seq', '<=', horizon)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => r.signed);
}

/** Records and remote listings past their expiry are of no use to anyone: both go. */
export async function pruneExpired(db: DB, now: Date): Promise<{ records: number; listings: number }> {
  return db.transaction().execute(async (trx) => {
    const records = await trx.deleteFrom('listing_records').where('expires_at', '<=', iso(now)).executeTakeFirst();
    const listings = await trx.deleteFrom('remote_listings').where('expires_at', '<=', iso(now)).executeTakeFirst();
    return { records: Number(records.numDeletedRows), listings: Number(listings.numDeletedRows) };
  });
}
