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
export async function putSibling(db: DB, sibling: { peerId: string; name: string; address: string }, now: Date): Promise<'added' | 'updated'> {
  const existing = await db.selectFrom('siblings').select('peer_id').where('peer_id', '=', sibling.peerId).executeTakeFirst();
  if (existing) {
    await db.updateTable('siblings').set({ name: sibling.name, address: sibling.address }).where('peer_id', '=', sibling.peerId).execute();
    return 'updated';
  }
  await db.insertInto('siblings').values({ peer_id: sibling.peerId, name: sibling.name, address: sibling.address, added_at: iso(now) }).execute();
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

export async function markSiblingSeen(db: DB, peerId: string, now: Date): Promise<void> {
  await db.updateTable('siblings').set({ last_seen_at: iso(now) }).where('peer_id', '=', peerId).execute();
}

export async function countReceived(db: DB, peerId: string, count: number): Promise<void> {
  if (count === 0) return;
  await db.updateTable('siblings').set({ records_received: sql`records_received + ${count}` }).where('peer_id', '=', peerId).execute();
}

export async function countRejected(db: DB, peerId: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('siblings')
    .set({ records_rejected: sql`records_rejected + 1`, last_rejection: `${iso(now)} ${reason}`.slice(0, 300) })
    .where('peer_id', '=', peerId)
    .execute();
}

/** A box seen on the LAN: listed for stewards to approve, never dialled. */
export async function noteDiscoveredPeer(db: DB, peerId: string, addresses: string[], now: Date): Promise<void> {
  const sibling = await db.selectFrom('siblings').select('peer_id').where('peer_id', '=', peerId).executeTakeFirst();
  if (sibling) return;
  await db
    .insertInto('discovered_peers')
    .values({ peer_id: peerId, addresses: JSON.stringify(addresses.slice(0, 8)), first_seen_at: iso(now), last_seen_at: iso(now) })
    .onConflict((oc) => oc.column('peer_id').doUpdateSet({ addresses: JSON.stringify(addresses.slice(0, 8)), last_seen_at: iso(now) }))
    .execute();
}

export async function listDiscoveredPeers(db: DB): Promise<{ peerId: string; addresses: string[]; lastSeenAt: string }[]> {
  const rows = await db.selectFrom('discovered_peers').selectAll().orderBy('last_seen_at', 'desc').limit(50).execute();
  return rows.map((r) => ({ peerId: r.peer_id, addresses: JSON.parse(r.addresses) as string[], lastSeenAt: r.last_seen_at }));
}

/** The sequence number up to which this box holds every live record of `origin` (0 when none). */
export async function completeSeq(db: DB, origin: string): Promise<number> {
  const row = await db.selectFrom('listing_record_progress').select('complete_seq').where('origin', '=', origin).executeTakeFirst();
  return row?.complete_seq ?? 0;
}

export async function advanceCompleteSeq(db: DB, origin: string, seq: number): Promise<void> {
  await sql`INSERT INTO listing_record_progress (origin, complete_seq) VALUES (${origin}, ${seq})
    ON CONFLICT (origin) DO UPDATE SET complete_seq = max(complete_seq, excluded.complete_seq)`.execute(db);
}

/** The next sequence number for this box's own records; never reused, even when old records are pruned. */
export async function issueSeq(db: DB, origin: string): Promise<number> {
  const { rows } = await sql<{ complete_seq: number }>`INSERT INTO listing_record_progress (origin, complete_seq) VALUES (${origin}, 1)
    ON CONFLICT (origin) DO UPDATE SET complete_seq = complete_seq + 1 RETURNING complete_seq`.execute(db);
  return rows[0]!.complete_seq;
}

/** The latest record held for a listing from an origin. */
export async function heldRecord(db: DB, origin: string, listingId: string): Promise<{ seq: number; signed: SignedRecord } | null> {
  const row = await db.selectFrom('listing_records').select(['seq', 'signed']).where('origin', '=', origin).where('listing_id', '=', listingId).executeTakeFirst();
  return row ? { seq: row.seq, signed: JSON.parse(row.signed) as SignedRecord } : null;
}

/** Keeps a signed record as the latest for its listing (older ones for the same listing are superseded). */
async function storeRecord(db: DB, signed: SignedRecord): Promise<void> {
  const { record } = signed;
  await db.deleteFrom('listing_records').where('origin', '=', record.origin).where('listing_id', '=', record.listing).execute();
  await db
    .insertInto('listing_records')
    .values({ origin: record.origin, seq: record.seq, listing_id: record.listing, op: record.op, expires_at: record.expires_at, signed: canonicalJson(signed) })
    .execute();
}

/** This box's own new record, already signed; the caller holds the write transaction that issued its sequence number. */
export async function storeOwnRecord(db: DB, signed: SignedRecord): Promise<void> {
  await storeRecord(db, signed);
}

/**
 * Takes a verified record from a sibling: accepted when its origin is on the
 * list and its sequence number is newer than what is held for that listing.
 * Returns 'accepted', or 'held' when this box already has this very record, or
 * something newer and the record came by catch-up (where overlaps are
 * expected); by gossip an older record is a replay and is rejected.
 */
export async function acceptRecord(db: DB, signed: SignedRecord, self: string, via: 'gossip' | 'catch-up', now: Date): Promise<'accepted' | 'held'> {
  const { record } = signed;
  if (record.origin === self) return 'held';
  return immediateTransaction(db, async (trx) => {
    const origin = await trx.selectFrom('siblings').select('peer_id').where('peer_id', '=', record.origin).executeTakeFirst();
    if (!origin) throw new RecordRejected('not-a-sibling', `The record's origin ${record.origin} is not a sibling of this box.`);
    const held = await trx.selectFrom('listing_records').select('seq').where('origin', '=', record.origin).where('listing_id', '=', record.listing).executeTakeFirst();
    if (held && held.seq >= record.seq) {
      // The same record again is an echo (two siblings relayed it); an older one over gossip is a replay.
      if (via === 'catch-up' || held.seq === record.seq) return 'held';
      throw new RecordRejected('stale', `Sequence number ${record.seq} is not newer than ${held.seq}, which this box already holds for listing ${record.listing}.`);
    }
    await storeRecord(trx, signed);
    await applyToRemoteListings(trx, signed, now);
    return 'accepted';
  });
}

async function applyToRemoteListings(db: DB, { record }: SignedRecord, now: Date): Promise<void> {
  await db.deleteFrom('remote_listings').where('id', '=', record.listing).where('origin', '=', record.origin).execute();
  const fields = record.fields;
  if (record.op === 'withdraw' || fields === null) return;
  // A UUID already used by a local listing cannot be shown twice; it is kept as a record (for relaying) but not shown.
  const clash = await db.selectFrom('listings').select('seq').where('id', '=', record.listing).executeTakeFirst();
  const clashRemote = await db.selectFrom('remote_listings').select('seq').where('id', '=', record.listing).executeTakeFirst();
  if (clash || clashRemote) return;
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

/** Catch-up's answer for one origin: live records after `after`, in order, no further than what this box holds completely. */
export async function recordsAfter(db: DB, origin: string, after: number, limit: number): Promise<{ signed: string[]; upTo: number }> {
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
