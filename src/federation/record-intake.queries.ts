import { sql } from 'kysely';
import type { Acceptance, CaughtUp, Gossiped, GossipOutcome } from '../../sync/port.js';
import { RecordRejected, type SignedRecord } from '../../sync/records.js';
import type { DB } from '../db/database.js';
import { immediateTransaction } from '../db/immediate.js';
import { iso } from '../lib/time.js';
import { advanceCompleteSeq, completeSeq, storeRecord } from './records.queries.js';
import { countReceived } from './siblings.queries.js';

/**
 * Taking in records from siblings, by gossip or by catch-up: each is checked
 * against what is held (newer, its sequence number not used for another
 * listing, its origin on the list), kept, and shown as a remote listing.
 */

/**
 * Takes verified records that came by gossip, in one write transaction: each
 * is accepted when its origin is on the list and its sequence number is newer
 * than what is held for its listing. The same record again is an echo
 * ('held'); an older one is a replay ('stale'). In the same transaction it
 * counts what each sibling sent, and moves each origin's horizon on over the
 * records now held right above it, so ordinary gossip keeps horizons up
 * without a catch-up. Refusals are returned, one per record, not thrown: one
 * record turned away does not undo the others.
 */
export async function acceptGossiped(
  db: DB,
  batch: readonly Gossiped[],
  self: string,
  now: Date,
): Promise<GossipOutcome[]> {
  return immediateTransaction(db, async (trx) => {
    const siblings = new Map<string, boolean>();
    const received = new Map<string, number>();
    const taken: (Acceptance | RecordRejected)[] = [];
    for (const { signed, from } of batch) {
      const { origin } = signed.record;
      if (origin === self) {
        taken.push('held');
        continue;
      }
      if (!siblings.has(origin))
        siblings.set(
          origin,
          (await trx.selectFrom('siblings').select('peer_id').where('peer_id', '=', origin).executeTakeFirst()) !==
            undefined,
        );
      if (!siblings.get(origin)) {
        taken.push(new RecordRejected('not-a-sibling', `The record's origin ${origin} is not a sibling of this box.`));
        continue;
      }
      try {
        // A refusal is decided before anything is written, so the transaction carries on without it.
        const outcome = await takeRecord(trx, signed, 'gossip', now);
        if (outcome === 'accepted') received.set(from, (received.get(from) ?? 0) + 1);
        taken.push(outcome);
      } catch (error) {
        if (!(error instanceof RecordRejected)) throw error;
        taken.push(error);
      }
    }
    for (const [from, count] of received) await countReceived(trx, from, count);
    const horizons = new Map<string, number>();
    for (const origin of new Set(batch.map((g) => g.signed.record.origin))) {
      if (origin !== self && siblings.get(origin)) horizons.set(origin, await extendHorizon(trx, origin));
    }
    return taken.map((outcome, i) => {
      if (outcome instanceof RecordRejected) return outcome;
      const { origin, seq } = batch[i]!.signed.record;
      return { outcome, horizon: horizons.get(origin) ?? seq };
    });
  });
}

/** One origin's share of a catch-up answer, its records already verified and checked to lie in `(after, upTo]`. */
/**
 * Catch-up records taken per write transaction: the box's one database connection is free for its web pages in between.
 */
const CAUGHT_UP_PER_TRANSACTION = 100;

/**
 * Takes a page of catch-up from sibling `from`: stores the records that are
 * new, raises each origin's horizon to the answer's `up_to` (and past records
 * already held beyond it), and counts what was taken. Overlaps are expected and
 * skipped; refusals are returned, for the caller to count. For this box's own
 * origin nothing is stored, but the sequence counter is raised (the restore
 * case). An origin taken off the list since the request went out is skipped.
 *
 * A write transaction takes up to 100 records (a commit each, rather than one
 * per record), and the last one also raises the horizons: a page of 500 does
 * not hold the database from the box's members for the second or two it takes
 * on a Raspberry Pi, and a box stopped half-way holds records past its horizon,
 * which the next catch-up skips as overlaps.
 */
export async function acceptCaughtUp(
  db: DB,
  page: readonly CaughtUp[],
  self: string,
  from: string,
  now: Date,
): Promise<{ accepted: SignedRecord[]; refused: RecordRejected[]; advanced: Set<string> }> {
  const records = page.flatMap((p) => (p.origin === self ? [] : p.records));
  const accepted: SignedRecord[] = [];
  const refused: RecordRejected[] = [];
  const advanced = new Set<string>();
  for (let start = 0; start === 0 || start < records.length; start += CAUGHT_UP_PER_TRANSACTION) {
    const last = start + CAUGHT_UP_PER_TRANSACTION >= records.length;
    await immediateTransaction(db, async (trx) => {
      const siblings = new Map<string, boolean>();
      const isSibling = async (origin: string) => {
        if (!siblings.has(origin))
          siblings.set(
            origin,
            (await trx.selectFrom('siblings').select('peer_id').where('peer_id', '=', origin).executeTakeFirst()) !==
              undefined,
          );
        return siblings.get(origin)!;
      };
      for (const signed of records.slice(start, start + CAUGHT_UP_PER_TRANSACTION)) {
        if (!(await isSibling(signed.record.origin))) continue;
        try {
          if ((await takeRecord(trx, signed, 'catch-up', now)) === 'accepted') accepted.push(signed);
        } catch (error) {
          // Refused before anything was written: the transaction carries on without it.
          if (!(error instanceof RecordRejected)) throw error;
          refused.push(error);
        }
      }
      if (!last) return;
      for (const { origin, after, upTo } of page) {
        if (upTo <= after || (origin !== self && !(await isSibling(origin)))) continue;
        await advanceCompleteSeq(trx, origin, upTo);
        if (origin !== self) await extendHorizon(trx, origin);
        advanced.add(origin);
      }
      await countReceived(trx, from, accepted.length);
    });
  }
  return { accepted, refused, advanced };
}

/**
 * Stores a record from a sibling origin if it is newer than what is held for
 * its listing, and shows it as a remote listing; the caller holds the write
 * transaction. A refusal (an older record by gossip, a sequence number the
 * origin already gave another listing) is thrown before anything is written.
 */
async function takeRecord(db: DB, signed: SignedRecord, via: 'gossip' | 'catch-up', now: Date): Promise<Acceptance> {
  const { record } = signed;
  // Everything the decision needs, in one query (a catch-up takes thousands of records).
  const { rows } = await sql<{
    held: number | null;
    seq_used_by: string | null;
    local: number;
    shown_from: string | null;
  }>`SELECT
      (SELECT seq FROM listing_records WHERE origin = ${record.origin} AND listing_id = ${record.listing}) AS held,
      (SELECT listing_id FROM listing_records WHERE origin = ${record.origin} AND seq = ${record.seq}) AS seq_used_by,
      EXISTS (SELECT 1 FROM listings WHERE id = ${record.listing}) AS local,
      (SELECT origin FROM remote_listings WHERE id = ${record.listing}) AS shown_from`.execute(db);
  const known = rows[0]!;
  if (known.held !== null && known.held >= record.seq) {
    // The same record again is an echo (two siblings relayed it); an older one over gossip is a replay.
    if (via === 'catch-up' || known.held === record.seq) return 'held';
    throw new RecordRejected(
      'stale',
      `Sequence number ${record.seq} is not newer than ${known.held}, ` +
        `which this box already holds for listing ${record.listing}.`,
    );
  }
  if (known.seq_used_by !== null) {
    throw new RecordRejected(
      'stale',
      `Sequence number ${record.seq} is one its origin already gave listing ${known.seq_used_by}.`,
    );
  }
  await storeRecord(db, signed);
  if (known.shown_from === record.origin)
    await db
      .deleteFrom('remote_listings')
      .where('id', '=', record.listing)
      .where('origin', '=', record.origin)
      .execute();
  // A UUID already used by a local listing, or by another origin's, cannot be shown twice; it is kept as a record (for
  // relaying) but not shown.
  if (record.op === 'upsert' && known.local === 0 && (known.shown_from === null || known.shown_from === record.origin))
    await showRemoteListing(db, signed, now);
  return 'accepted';
}

/**
 * Moves an origin's horizon over the records held right above it: with every
 * live record up to `h` held, holding record `h + 1` means every live record up
 * to `h + 1` is held. A sequence number not held (lost, superseded before it
 * arrived, or pruned) stops it: only catch-up can tell which. Returns the horizon.
 */
async function extendHorizon(db: DB, origin: string): Promise<number> {
  const start = await completeSeq(db, origin);
  let horizon = start;
  for (;;) {
    const next = await db
      .selectFrom('listing_records')
      .select('seq')
      .where('origin', '=', origin)
      .where('seq', '>', horizon)
      .orderBy('seq')
      .limit(256)
      .execute();
    let moved = 0;
    for (const { seq } of next) {
      if (seq !== horizon + 1) break;
      horizon = seq;
      moved++;
    }
    if (moved < 256) break;
  }
  if (horizon > start) await advanceCompleteSeq(db, origin, horizon);
  return horizon;
}

async function showRemoteListing(db: DB, { record }: SignedRecord, now: Date): Promise<void> {
  const fields = record.fields;
  if (fields === null) return;
  const lat = fields.lat_e6 / 1_000_000;
  const lon = fields.lon_e6 / 1_000_000;
  await db
    .insertInto('remote_listings')
    .values({
      id: record.listing,
      origin: record.origin,
      origin_seq: record.seq,
      town: record.town,
      kind: fields.kind,
      title: fields.title,
      description: fields.description,
      category: fields.category,
      terms: fields.terms,
      price_amount: fields.price?.amount ?? null,
      price_currency: fields.price?.currency ?? null,
      price_scale: fields.price?.scale ?? null,
      public_lat: lat,
      public_lon: lon,
      public_point: sql`MakePoint(${lon}, ${lat}, 4326)`,
      author_name: fields.author,
      public: fields.public ? 1 : 0,
      created_at: fields.created_at,
      expires_at: record.expires_at,
      received_at: iso(now),
    })
    .execute();
}
