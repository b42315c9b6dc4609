import { sql } from 'kysely';
import type { DB } from '../src/db/database.js';
import { immediateTransaction } from '../src/db/immediate.js';
import { iso } from '../src/lib/time.js';
import { canonicalJson, RecordRejected, type SignedRecord } from './records.js';

/**
 * What the sync service keeps in the box's database: siblings and their
 * counters, the signed listing records it holds, how far it has caught up
 * with each origin, and the remote listings those records describe.
 */

export interface Sibling {
  peerId: string;
  name: string;
  address: string;
  addedAt: string;
  lastSeenAt: string | null;
  recordsReceived: number;
  recordsRejected: number;
  lastRejection: string | null;
}

export async function listSiblings(db: DB): Promise<Sibling[]> {
  const rows = await db.selectFrom('siblings').selectAll().orderBy('name').orderBy('peer_id').execute();
  return rows.map((r) => ({
    peerId: r.peer_id,
    name: r.name,
    address: r.address,
    addedAt: r.added_at,
    lastSeenAt: r.last_seen_at,
    recordsReceived: r.records_received,
    recordsRejected: r.records_rejected,
    lastRejection: r.last_rejection,
  }));
}

/** Adds a sibling, or updates its name and address when it is already on the list. */
export async function putSibling(
  db: DB,
  sibling: { peerId: string; name: string; address: string },
  now: Date,
): Promise<'added' | 'updated'> {
  const existing = await db
    .selectFrom('siblings')
    .select('peer_id')
    .where('peer_id', '=', sibling.peerId)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('siblings')
      .set({ name: sibling.name, address: sibling.address })
      .where('peer_id', '=', sibling.peerId)
      .execute();
    return 'updated';
  }
  await db
    .insertInto('siblings')
    .values({ peer_id: sibling.peerId, name: sibling.name, address: sibling.address, added_at: iso(now) })
    .execute();
  await db.deleteFrom('discovered_peers').where('peer_id', '=', sibling.peerId).execute();
  return 'added';
}

/**
 * Takes a box off the list. Its listings go with it: they were shown on the
 * strength of the federation, which has ended.
 */
export async function removeSibling(db: DB, peerId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('siblings').where('peer_id', '=', peerId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    await trx.deleteFrom('remote_listings').where('origin', '=', peerId).execute();
    await trx.deleteFrom('listing_records').where('origin', '=', peerId).execute();
    await trx.deleteFrom('listing_record_progress').where('origin', '=', peerId).execute();
    return true;
  });
}

/**
 * The service notes connected siblings as seen at least this often, so a
 * process without the peer layer (`marketcross doctor`) can tell from
 * `last_seen_at` which are connected.
 */
export const SEEN_REFRESH_MS = 60_000;

export async function markSiblingSeen(db: DB, peerIds: string | readonly string[], now: Date): Promise<void> {
  const ids = typeof peerIds === 'string' ? [peerIds] : peerIds;
  if (ids.length === 0) return;
  await db
    .updateTable('siblings')
    .set({ last_seen_at: iso(now) })
    .where('peer_id', 'in', ids)
    .execute();
}

export async function countReceived(db: DB, peerId: string, count: number): Promise<void> {
  if (count === 0) return;
  await db
    .updateTable('siblings')
    .set({ records_received: sql`records_received + ${count}` })
    .where('peer_id', '=', peerId)
    .execute();
}

export async function countRejected(db: DB, peerId: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('siblings')
    .set({ records_rejected: sql`records_rejected + 1`, last_rejection: `${iso(now)} ${reason}`.slice(0, 300) })
    .where('peer_id', '=', peerId)
    .execute();
}

/** The meta key under which records from origins not on the sibling list are counted. */
const UNKNOWN_ORIGINS_KEY = 'federation.unknown-origins';

/**
 * Records whose origin is not on this box's list: how many came, and the latest (which box, relayed by which sibling,
 * when).
 */
export interface UnknownOrigins {
  count: number;
  lastOrigin: string | null;
  lastVia: string | null;
  lastAt: string | null;
}

/**
 * Counts a record whose origin is not on the sibling list. That is no fault of
 * the sibling that relayed it (its stewards may have agreed to a box ours have
 * not), so it is counted for the box as a whole, not against the sibling.
 */
export async function countUnknownOrigin(db: DB, origin: string, via: string, now: Date): Promise<void> {
  const value = (count: unknown) =>
    sql`json_object('count', ${count}, 'origin', ${origin.slice(0, 128)}, 'via', ${via}, 'at', ${iso(now)})`;
  await sql`INSERT INTO meta (key, value) VALUES (${UNKNOWN_ORIGINS_KEY}, ${value(1)})
    ON CONFLICT (key) DO UPDATE SET value = ${value(sql`coalesce(json_extract(meta.value, '$.count'), 0) + 1`)}`.execute(
    db,
  );
}

export async function unknownOrigins(db: DB): Promise<UnknownOrigins> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', UNKNOWN_ORIGINS_KEY).executeTakeFirst();
  const stored = row ? (JSON.parse(row.value) as { count?: number; origin?: string; via?: string; at?: string }) : {};
  return {
    count: stored.count ?? 0,
    lastOrigin: stored.origin ?? null,
    lastVia: stored.via ?? null,
    lastAt: stored.at ?? null,
  };
}

/** A box seen on the LAN: listed for stewards to approve, never dialled. */
export async function noteDiscoveredPeer(db: DB, peerId: string, addresses: string[], now: Date): Promise<void> {
  const sibling = await db.selectFrom('siblings').select('peer_id').where('peer_id', '=', peerId).executeTakeFirst();
  if (sibling) return;
  await db
    .insertInto('discovered_peers')
    .values({
      peer_id: peerId,
      addresses: JSON.stringify(addresses.slice(0, 8)),
      first_seen_at: iso(now),
      last_seen_at: iso(now),
    })
    .onConflict((oc) =>
      oc.column('peer_id').doUpdateSet({ addresses: JSON.stringify(addresses.slice(0, 8)), last_seen_at: iso(now) }),
    )
    .execute();
}

export async function listDiscoveredPeers(
  db: DB,
): Promise<{ peerId: string; addresses: string[]; lastSeenAt: string }[]> {
  const rows = await db.selectFrom('discovered_peers').selectAll().orderBy('last_seen_at', 'desc').limit(50).execute();
  return rows.map((r) => ({
    peerId: r.peer_id,
    addresses: JSON.parse(r.addresses) as string[],
    lastSeenAt: r.last_seen_at,
  }));
}

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
async function storeRecord(db: DB, signed: SignedRecord): Promise<void> {
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
 * How a record offered to the store fared: taken, or already held (the same record, or a newer one for its listing, by
 * catch-up).
 */
export type Acceptance = 'accepted' | 'held';

/** A verified record that came by gossip, and the sibling it came from. */
export interface Gossiped {
  signed: SignedRecord;
  from: string;
}

/**
 * How a gossiped record fared: taken ('accepted') or already held ('held': the
 * same record again), with the origin's horizon afterwards (a horizon below
 * the record's `seq` means gossip skipped one before it: lost, or still on its
 * way by another path); or why it was turned away.
 */
export type GossipOutcome = { outcome: Acceptance; horizon: number } | RecordRejected;

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
export interface CaughtUp {
  origin: string;
  after: number;
  upTo: number;
  records: SignedRecord[];
}

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
      `Sequence number ${record.seq} is not newer than ${known.held}, which this box already holds for listing ${record.listing}.`,
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

/**
 * Catch-up's answer for one origin: live records after `after`, in order, no further than what this box holds
 * completely.
 */
export async function recordsAfter(
  db: DB,
  origin: string,
  after: number,
  limit: number,
): Promise<{ signed: string[]; upTo: number }> {
  const horizon = await completeSeq(db, origin);
  if (horizon <= after) return { signed: [], upTo: horizon };
  const rows = await db
    .selectFrom('listing_records')
    .select(['seq', 'signed'])
    .where('origin', '=', origin)
    .where('seq', '>', after)
    .where('seq', '<=', horizon)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  // A full page stops at its last record; otherwise the answer covers everything up to the horizon.
  if (rows.length > limit) return { signed: rows.slice(0, limit).map((r) => r.signed), upTo: rows[limit - 1]!.seq };
  return { signed: rows.map((r) => r.signed), upTo: horizon };
}

/** Records and remote listings past their expiry are of no use to anyone: both go. */
export async function pruneExpired(db: DB, now: Date): Promise<{ records: number; listings: number }> {
  return db.transaction().execute(async (trx) => {
    const records = await trx.deleteFrom('listing_records').where('expires_at', '<=', iso(now)).executeTakeFirst();
    const listings = await trx.deleteFrom('remote_listings').where('expires_at', '<=', iso(now)).executeTakeFirst();
    return { records: Number(records.numDeletedRows), listings: Number(listings.numDeletedRows) };
  });
}
