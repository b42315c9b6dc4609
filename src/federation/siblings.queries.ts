import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import { iso } from '../lib/time.js';

/**
 * The sibling boxes this box federates with, and what is counted about them
 * for stewards: the records each sent, those turned away and why, records from
 * origins not on the list, and boxes seen on the LAN.
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
  const counted = value(sql`coalesce(json_extract(meta.value, '$.count'), 0) + 1`);
  await sql`INSERT INTO meta (key, value) VALUES (${UNKNOWN_ORIGINS_KEY}, ${value(1)})
    ON CONFLICT (key) DO UPDATE SET value = ${counted}`.execute(db);
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

export { SEEN_REFRESH_MS } from '../../sync/siblings/presence.js';
