import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { DB } from '../db/database.js';
import type { ListingsTable } from './listings.table.js';
import type { Visibility } from '../members/members.table.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import { isActiveMember, type Viewer } from '../groups/groups.js';
import { iso } from '../lib/time.js';
import type { LatLon } from '../members/location.js';
import { canSee, viewerReach } from '../members/members.js';
import type { Category, Listing, ListingInput, ListingStatus, ListingPerson } from './listings.js';

/**
 * Who is looking, as the listing queries need it: their id and the groups
 * whose group-only listings they may see. Null for a visitor (public only).
 */
export type ListingViewer = { id: number; groupIds: readonly number[] } | null;

/**
 * The groups whose listings a member may see: those the groups module shows them as an active member (the root is
 * everyone).
 */
export async function listingViewerOf(db: DB, member: Viewer): Promise<ListingViewer> {
  if (!member) return null;
  const { all } = await findVisibleGroups(db, member);
  return { id: member.id, groupIds: all.filter((g) => !g.isRoot && isActiveMember(g)).map((g) => g.id) };
}

/** The groups a member may restrict a listing to. */
export async function findPostableGroups(db: DB, member: NonNullable<Viewer>): Promise<{ id: number; name: string }[]> {
  const { all } = await findVisibleGroups(db, member);
  return all.filter((g) => !g.isRoot && isActiveMember(g)).map((g) => ({ id: g.id, name: g.name }));
}

/** The one status rule, in SQL so lists, searches and counts all derive it the same way at read time. */
export function statusSql(now: Date): RawBuilder<ListingStatus> {
  return sql<ListingStatus>`(CASE
    WHEN l.withdrawn_at IS NOT NULL THEN 'withdrawn'
    WHEN l.done_at IS NOT NULL THEN 'done'
    WHEN l.promised_to IS NOT NULL THEN 'promised'
    WHEN l.expires_at <= ${iso(now)} THEN 'expired'
    ELSE 'active' END)`;
}

/** `statusSql(now) = 'active'`, spelt so SQLite can stop at the first closed field: the same rule, for filtering. */
export function activeSql(now: Date): RawBuilder<boolean> {
  return sql<boolean>`(l.withdrawn_at IS NULL AND l.done_at IS NULL AND l.promised_to IS NULL
    AND l.expires_at > ${iso(now)})`;
}

/** The one visibility rule: public to all; members-only to members; group-only to that group; all to the author. */
export function visibleSql(viewer: ListingViewer): RawBuilder<boolean> {
  if (!viewer) return sql<boolean>`(l.visibility = 'public')`;
  const groups =
    viewer.groupIds.length > 0
      ? sql`OR (l.visibility = 'group' AND l.group_id IN (${sql.join([...viewer.groupIds])}))`
      : sql``;
  return sql<boolean>`(l.visibility IN ('public', 'members') ${groups} OR l.author_id = ${viewer.id})`;
}

/**
 * Whether the viewer may open listing `l` (its author joined as `a`): what
 * `findListing` asks, for other queries about listings (conversations, counts).
 */
export function openableSql(viewer: ListingViewer): RawBuilder<boolean> {
  return sql<boolean>`(a.status = 'active' AND ${visibleSql(viewer)})`;
}

function pointSql(point: LatLon): RawBuilder<unknown> {
  return sql`MakePoint(${point.lon}, ${point.lat}, 4326)`;
}

export type ListingRow = Omit<
  Selectable<ListingsTable>,
  | 'public_point'
  | 'promised_to'
  | 'promised_at'
  | 'done_at'
  | 'withdrawn_at'
  | 'reminded_at'
  | 'archived_at'
  | 'updated_at'
> & {
  group_name: string | null;
  status: ListingStatus;
  has_photo: number;
  distance_m: number | null;
  author_handle: string;
  author_name: string;
  author_name_visibility: Visibility;
  promised_id: number | null;
  promised_handle: string | null;
  promised_name: string | null;
  promised_name_visibility: Visibility | null;
};

/** The columns every listing view needs; `distance` is the expression for `distance_m`. */
export function detailsSql(now: Date, distance: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`SELECT l.seq, l.id, l.author_id, l.kind, l.title, l.description, l.category, l.terms,
      l.price_amount, l.price_currency, l.lat, l.lon, l.public_lat, l.public_lon, l.town, l.visibility, l.regional,
      l.group_id, g.name AS group_name, l.created_at, l.expires_at,
      ${statusSql(now)} AS status,
      EXISTS (SELECT 1 FROM listing_photos ph WHERE ph.listing_seq = l.seq) AS has_photo,
      ${distance} AS distance_m,
      a.handle AS author_handle, a.display_name AS author_name, a.name_visibility AS author_name_visibility,
      p.id AS promised_id, p.handle AS promised_handle, p.display_name AS promised_name,
      p.name_visibility AS promised_name_visibility
    FROM listings l
    JOIN members a ON a.id = l.author_id
    LEFT JOIN members p ON p.id = l.promised_to
    LEFT JOIN groups g ON g.id = l.group_id`;
}

function personShown(
  id: number,
  handle: string,
  name: string,
  nameVisibility: Visibility,
  viewerId: number | null,
): ListingPerson {
  if (canSee(viewerReach(viewerId, id), nameVisibility)) return { id, handle, name };
  return viewerId === null ? { id, handle: null, name: null } : { id, handle, name: handle };
}

export function toListing(row: ListingRow, viewerId: number | null): Listing {
  const listing: Listing = {
    seq: row.seq,
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    category: row.category as Category,
    terms:
      row.terms === 'price'
        ? { type: 'price', amount: row.price_amount!, currency: row.price_currency! }
        : { type: row.terms },
    location: { lat: row.public_lat, lon: row.public_lon },
    town: row.town,
    author: personShown(row.author_id, row.author_handle, row.author_name, row.author_name_visibility, viewerId),
    visibility: row.visibility === 'group' ? { type: 'group', groupId: row.group_id! } : { type: row.visibility },
    regional: row.regional === 1,
    groupName: row.group_name,
    status: row.status,
    promisedTo:
      row.promised_id === null
        ? null
        : personShown(
            row.promised_id,
            row.promised_handle!,
            row.promised_name!,
            row.promised_name_visibility!,
            viewerId,
          ),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    hasPhoto: row.has_photo === 1,
    distanceM: row.distance_m,
  };
  if (viewerId === row.author_id) listing.exact = { lat: row.lat, lon: row.lon };
  return listing;
}

/** One listing by its UUID, if the viewer may see it; distance from `from` when given. */
export async function findListing(
  db: DB,
  id: string,
  viewer: ListingViewer,
  now: Date,
  from: LatLon | null = null,
): Promise<Listing | null> {
  const distance = from ? sql`geodesic_m(${from.lat}, ${from.lon}, l.public_lat, l.public_lon)` : sql`NULL`;
  const { rows } =
    await sql<ListingRow>`${detailsSql(now, distance)} WHERE l.id = ${id} AND ${openableSql(viewer)}`.execute(db);
  return rows[0] ? toListing(rows[0], viewer?.id ?? null) : null;
}

/**
 * A listing this box lets neighbouring towns write about, by its UUID: shared
 * (regional, not for one group) by an active author; with its status, which
 * decides whether it still takes replies.
 */
export async function findSharedListing(
  db: DB,
  id: string,
  now: Date,
): Promise<{ authorId: number; title: string; status: ListingStatus } | null> {
  const { rows } = await sql<{
    author_id: number;
    title: string;
    status: ListingStatus;
  }>`SELECT l.author_id, l.title, ${statusSql(now)} AS status
    FROM listings l JOIN members a ON a.id = l.author_id
    WHERE l.id = ${id} AND l.regional = 1 AND l.visibility != 'group' AND a.status = 'active'`.execute(db);
  const row = rows[0];
  return row ? { authorId: row.author_id, title: row.title, status: row.status } : null;
}

/** A member's own listings, newest first; archived ones only when asked for. */
export async function findListingsOf(
  db: DB,
  authorId: number,
  now: Date,
  options: { archived: boolean },
): Promise<Listing[]> {
  const archived = options.archived ? sql`l.archived_at IS NOT NULL` : sql`l.archived_at IS NULL`;
  const { rows } = await sql<ListingRow>`${detailsSql(now, sql`NULL`)}
    WHERE l.author_id = ${authorId} AND ${archived}
    ORDER BY l.created_at DESC, l.seq DESC`.execute(db);
  return rows.map((row) => toListing(row, authorId));
}

/** The newest public listings that are still active, for the Atom feed. */
export async function findNewPublicListings(db: DB, now: Date, limit: number): Promise<Listing[]> {
  const { rows } = await sql<ListingRow>`${detailsSql(now, sql`NULL`)}
    WHERE l.visibility = 'public' AND a.status = 'active' AND ${activeSql(now)}
    ORDER BY l.created_at DESC, l.seq DESC LIMIT ${limit}`.execute(db);
  return rows.map((row) => toListing(row, null));
}

/** The name of the listed place nearest a public point, within 5 km, to say which village a listing is in. */
export async function findTownNear(db: DB, point: LatLon): Promise<string | null> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM (
      SELECT name, geodesic_m(lat, lon, ${point.lat}, ${point.lon}) AS d FROM places
    ) WHERE d <= 5000 ORDER BY d LIMIT 1`.execute(db);
  return rows[0]?.name ?? null;
}

export interface ListingWrite {
  input: ListingInput;
  exact: LatLon;
  shown: LatLon;
  town: string | null;
}

function writeColumns(write: ListingWrite) {
  const { input } = write;
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    category: input.category,
    terms: input.terms.type,
    price_amount: input.terms.type === 'price' ? input.terms.amount : null,
    price_currency: input.terms.type === 'price' ? input.terms.currency : null,
    lat: write.exact.lat,
    lon: write.exact.lon,
    public_lat: write.shown.lat,
    public_lon: write.shown.lon,
    public_point: pointSql(write.shown),
    town: write.town,
    visibility: input.visibility.type,
    group_id: input.visibility.type === 'group' ? input.visibility.groupId : null,
    regional: input.regional ? 1 : 0,
  };
}

export async function insertListing(
  db: DB,
  listing: ListingWrite & { id: string; authorId: number; now: Date; expiresAt: Date },
): Promise<number> {
  const { seq } = await db
    .insertInto('listings')
    .values({
      id: listing.id,
      author_id: listing.authorId,
      ...writeColumns(listing),
      expires_at: iso(listing.expiresAt),
      created_at: iso(listing.now),
      updated_at: iso(listing.now),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return seq;
}

export async function updateListing(db: DB, seq: number, write: ListingWrite, now: Date): Promise<void> {
  await db
    .updateTable('listings')
    .set({ ...writeColumns(write), updated_at: iso(now) })
    .where('seq', '=', seq)
    .execute();
}

/** A lifecycle step: only the timestamps and fields that the derived status reads. */
export async function setListingState(
  db: DB,
  seq: number,
  change:
    | { promisedTo: number; at: Date }
    | { promisedTo: null }
    | { doneAt: Date }
    | { withdrawnAt: Date }
    | { expiresAt: Date },
  now: Date,
): Promise<void> {
  const set =
    'promisedTo' in change
      ? { promised_to: change.promisedTo, promised_at: change.promisedTo === null ? null : iso(change.at) }
      : 'doneAt' in change
        ? { done_at: iso(change.doneAt) }
        : 'withdrawnAt' in change
          ? { withdrawn_at: iso(change.withdrawnAt) }
          : { expires_at: iso(change.expiresAt), reminded_at: null, archived_at: null };
  await db
    .updateTable('listings')
    .set({ ...set, updated_at: iso(now) })
    .where('seq', '=', seq)
    .execute();
}

/** Archives listings that expired, or were closed, before `before`; returns how many. */
export async function archiveListingsClosedBefore(db: DB, before: Date, now: Date): Promise<number> {
  const cut = iso(before);
  const result = await db
    .updateTable('listings')
    .set({ archived_at: iso(now) })
    .where('archived_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('withdrawn_at', '<', cut),
        eb('done_at', '<', cut),
        eb.and([eb('promised_to', 'is', null), eb('expires_at', '<', cut)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Whether any listing has this id: a local one, visible or not, or a sibling town's, shown or only held as its record
 * (a withdrawn one, one kept for relaying). Ids are unique across towns: whoever holds an id gets its replies.
 */
export async function listingIdTaken(db: DB, id: string): Promise<boolean> {
  const { rows } = await sql<{ taken: number }>`SELECT
      EXISTS (SELECT 1 FROM listings WHERE id = ${id})
      OR EXISTS (SELECT 1 FROM remote_listings WHERE id = ${id})
      OR EXISTS (SELECT 1 FROM listing_records WHERE listing_id = ${id}) AS taken`.execute(db);
  return rows[0]!.taken === 1;
}
