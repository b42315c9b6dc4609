import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/database.js';
import type { ListingKind } from '../listings/listings.table.js';
import type { Scale } from '../ledger/amounts.js';
import { iso } from '../lib/time.js';
import { boundingBox, type Category, matchExpression, type Terms } from '../listings/listings.js';
import type { ListingViewer } from '../listings/listings.queries.js';
import { findListingsNear, type ListingSearch } from '../listings/search.queries.js';
import type { LatLon } from '../members/location.js';
import type { AnyListing, RemoteListing } from './remote-listings.js';

/**
 * The listings shared by sibling towns' boxes (`remote_listings`, filled by
 * `record-intake.queries.ts`), as the listing pages read them: one by one, and
 * in the search beside the local ones.
 */

interface RemoteRow {
  id: string;
  origin: string;
  origin_name: string | null;
  town: string;
  kind: ListingKind;
  title: string;
  description: string;
  category: string;
  terms: Terms['type'];
  price_amount: number | null;
  price_currency: string | null;
  price_scale: Scale | null;
  public_lat: number;
  public_lon: number;
  author_name: string | null;
  created_at: string;
  expires_at: string;
  distance_m: number | null;
}

function toRemoteListing(row: RemoteRow): RemoteListing {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    category: row.category as Category,
    terms:
      row.terms === 'price'
        ? { type: 'price', amount: row.price_amount!, currency: row.price_currency!, scale: row.price_scale }
        : { type: row.terms },
    location: { lat: row.public_lat, lon: row.public_lon },
    town: row.town,
    origin: { peerId: row.origin, name: row.origin_name ?? row.town },
    authorName: row.author_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    distanceM: row.distance_m,
    status: 'active',
  };
}

/**
 * Remote listings as `r`, each with its sibling box as `s`: a listing from a box that is no longer a sibling is never
 * shown.
 */
export const REMOTE_LISTINGS = sql`remote_listings r JOIN siblings s ON s.peer_id = r.origin`;

function remoteSql(distance: RawBuilder<unknown>, conditions: RawBuilder<unknown>[]): RawBuilder<RemoteRow> {
  return sql<RemoteRow>`SELECT r.id, r.origin, s.name AS origin_name, r.town, r.kind, r.title, r.description,
      r.category, r.terms, r.price_amount, r.price_currency, r.price_scale,
      r.public_lat, r.public_lon, r.author_name, r.created_at, r.expires_at, ${distance} AS distance_m
    FROM ${REMOTE_LISTINGS} WHERE ${sql.join(conditions, sql` AND `)}`;
}

/**
 * Which of `REMOTE_LISTINGS` the viewer may open: what every read of them asks, here and in other queries
 * (conversations, counts).
 */
export function shownSql(viewer: ListingViewer, now: Date): RawBuilder<unknown>[] {
  return [sql`r.expires_at > ${iso(now)}`, ...(viewer ? [] : [sql`r.public = 1`])];
}

/** The first `count` remote listings matching the search, nearest first (then newest). */
async function findRemoteListingsNear(
  db: DB,
  search: ListingSearch,
  viewer: ListingViewer,
  now: Date,
  count: number,
): Promise<RemoteListing[]> {
  const conditions = shownSql(viewer, now);
  if (search.radiusM !== null) {
    const box = boundingBox(search.centre, search.radiusM);
    if (box.minLat > -90 || box.maxLat < 90) {
      conditions.push(sql`r.seq IN (SELECT ROWID FROM SpatialIndex
        WHERE f_table_name = 'remote_listings' AND f_geometry_column = 'public_point'
        AND search_frame = BuildMbr(${box.minLon}, ${box.minLat}, ${box.maxLon}, ${box.maxLat}, 4326))`);
    }
  }
  const match = matchExpression(search.q);
  if (match !== null)
    conditions.push(sql`r.seq IN (SELECT rowid FROM remote_listings_fts WHERE remote_listings_fts MATCH ${match})`);
  if (search.kind) conditions.push(sql`r.kind = ${search.kind}`);
  if (search.category) conditions.push(sql`r.category = ${search.category}`);
  const radius = search.radiusM === null ? sql`` : sql`WHERE distance_m <= ${search.radiusM}`;
  const distance = sql`geodesic_m(${search.centre.lat}, ${search.centre.lon}, r.public_lat, r.public_lon)`;
  const { rows } = await sql<RemoteRow>`SELECT * FROM (${remoteSql(distance, conditions)}) ${radius}
    ORDER BY distance_m, created_at DESC, id LIMIT ${count}`.execute(db);
  return rows.map(toRemoteListing);
}

/** One remote listing by its UUID, if the viewer may see it. */
export async function findRemoteListing(
  db: DB,
  id: string,
  viewer: ListingViewer,
  now: Date,
  from: LatLon | null = null,
): Promise<RemoteListing | null> {
  const distance = from ? sql`geodesic_m(${from.lat}, ${from.lon}, r.public_lat, r.public_lon)` : sql`NULL`;
  const { rows } = await remoteSql(distance, [sql`r.id = ${id}`, ...shownSql(viewer, now)]).execute(db);
  return rows[0] ? toRemoteListing(rows[0]) : null;
}

/**
 * The search over local and remote listings together, nearest first, one
 * page at a time. Each source gives its nearest `offset + limit + 1`, and the
 * merge takes the page from those: whatever either source has beyond them is
 * farther than the whole page. A box with no remote listings asks only the local source.
 */
export async function searchListings(
  db: DB,
  search: ListingSearch,
  viewer: ListingViewer,
  now: Date,
): Promise<{ listings: AnyListing[]; hasMore: boolean }> {
  const anyRemote = await db.selectFrom('remote_listings').select('seq').limit(1).executeTakeFirst();
  if (!anyRemote) return findListingsNear(db, search, viewer, now);
  const wanted = search.offset + search.limit + 1;
  const [local, remote] = await Promise.all([
    findListingsNear(db, { ...search, offset: 0, limit: wanted - 1 }, viewer, now),
    findRemoteListingsNear(db, search, viewer, now, wanted),
  ]);
  const merged = [...local.listings, ...remote].sort(nearestThenNewest);
  const localHasMore = local.hasMore;
  return {
    listings: merged.slice(search.offset, search.offset + search.limit),
    hasMore: merged.length > search.offset + search.limit || localHasMore,
  };
}

function nearestThenNewest(a: AnyListing, b: AnyListing): number {
  const byDistance = (a.distanceM ?? 0) - (b.distanceM ?? 0);
  if (byDistance !== 0) return byDistance;
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}
