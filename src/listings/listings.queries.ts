import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { DB } from '../db/database.js';
import type { ListingKind, ListingsTable } from './listings.table.js';
import type { Visibility } from '../members/members.table.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import { isActiveMember, type Viewer } from '../groups/groups.js';
import { iso } from '../lib/time.js';
import type { LatLon } from '../members/location.js';
import { canSee, viewerReach } from '../members/members.js';
import { cellsCovering } from './search-cells.js';
import {
  boundingBox,
  matchExpression,
  type Category,
  type Listing,
  type ListingInput,
  type ListingStatus,
  type PersonShown,
} from './listings.js';

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
function activeSql(now: Date): RawBuilder<boolean> {
  return sql<boolean>`(l.withdrawn_at IS NULL AND l.done_at IS NULL AND l.promised_to IS NULL AND l.expires_at > ${iso(now)})`;
}

/** The one visibility rule: public to all; members-only to members; group-only to that group; all to the author. */
function visibleSql(viewer: ListingViewer): RawBuilder<boolean> {
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

type ListingRow = Omit<
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
function detailsSql(now: Date, distance: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`SELECT l.seq, l.id, l.author_id, l.kind, l.title, l.description, l.category, l.terms, l.price_amount, l.price_currency,
      l.lat, l.lon, l.public_lat, l.public_lon, l.town, l.visibility, l.regional, l.group_id, g.name AS group_name, l.created_at, l.expires_at,
      ${statusSql(now)} AS status,
      EXISTS (SELECT 1 FROM listing_photos ph WHERE ph.listing_seq = l.seq) AS has_photo,
      ${distance} AS distance_m,
      a.handle AS author_handle, a.display_name AS author_name, a.name_visibility AS author_name_visibility,
      p.id AS promised_id, p.handle AS promised_handle, p.display_name AS promised_name, p.name_visibility AS promised_name_visibility
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
): PersonShown {
  return { id, handle, name: canSee(viewerReach(viewerId, id), nameVisibility) ? name : handle };
}

function toListing(row: ListingRow, viewerId: number | null): Listing {
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

export interface ListingSearch {
  /** Distances are measured from here; a null radius means anywhere. */
  centre: LatLon;
  radiusM: number | null;
  q: string;
  kind: ListingKind | null;
  category: Category | null;
  limit: number;
  offset: number;
}

/**
 * The first ring searched (with a keyword too common to search keyword-first: four times wider), and how much wider
 * each next one is.
 */
const FIRST_RING_M = 1500;
const KEYWORD_FIRST_RING_M = FIRST_RING_M * 4;
const RING_GROWTH = 2;
/** Half the Earth's circumference: "anywhere" is a circle this wide. */
const ANYWHERE_M = 20_040_000;
/**
 * A keyword matching at most this many listings is searched keyword-first:
 * its matches are read once and measured, with no rings. Reading a match
 * costs about 1 µs; a commoner keyword is cheaper found ring by ring, where
 * each ring reads the spatial index and checks the keyword's matches against it.
 */
const KEYWORD_FIRST_MAX_MATCHES = 1000;

/** How a page is looked for: which index narrows the listings first. */
type Plan =
  | 'ring' // the spatial index (R*Tree) for the ring's box; with a keyword, the keyword index with the box's grid cells
  | 'keyword-first' // the keyword's matches, then the box on the public point's columns
  | 'scan'; // every listing measured: the benchmark's baseline

/**
 * Active listings the viewer may see, nearest first (then newest), one page
 * at a time; `hasMore` says whether another page follows.
 *
 * The indexes do the narrowing, never a full scan. Without a keyword, or
 * with one matching many listings: rings of growing radius (1.5 km, 3 km,
 * 6 km, … up to the radius asked for; from 6 km with a keyword) each ask the
 * R*Tree of the SpatialIndex for the rows inside a bounding box a little larger than the
 * ring (with a keyword, the keyword index for its matches in the grid cells
 * covering the box), then keep those within the exact geodesic distance of the rounded public
 * point. As soon as a ring holds the whole page (and one more, to know a next
 * page exists), that page is exact: everything outside the ring is farther
 * than everything in it. A keyword that does not fill the first ring is
 * counted (up to a cap): if it matches few listings, they are read at once
 * instead (keyword-first, one pass, no more rings). Either way the geodesic distance (about 1 µs each) is computed only
 * for the
 * listings that can make the page: see `findPageWithin`.
 */
export async function findListingsNear(
  db: DB,
  search: ListingSearch,
  viewer: ListingViewer,
  now: Date,
  options: { prefilter: 'spatial-index' | 'none' } = { prefilter: 'spatial-index' },
): Promise<{ listings: Listing[]; hasMore: boolean }> {
  const maxRadius = search.radiusM ?? ANYWHERE_M;
  const viewerId = viewer?.id ?? null;
  const page = (rows: ListingRow[]) => ({
    listings: rows.slice(0, search.limit).map((row) => toListing(row, viewerId)),
    hasMore: rows.length > search.limit,
  });
  // `none` is the benchmark's full scan, to show what the indexes save: one pass, every row measured.
  if (options.prefilter === 'none') return page(await findPageWithin(db, search, maxRadius, 'scan', viewer, now));
  const match = matchExpression(search.q);
  let radius = Math.min(match === null ? FIRST_RING_M : KEYWORD_FIRST_RING_M, maxRadius);
  for (let ring = 1; ; ring++) {
    const rows = await findPageWithin(db, search, radius, 'ring', viewer, now);
    if (rows.length > search.limit || radius >= maxRadius) return page(rows);
    // A keyword that fills no page in the first ring may be rare: if so, its few matches are cheaper read at once.
    if (
      ring === 1 &&
      match !== null &&
      (await countMatches(db, match, KEYWORD_FIRST_MAX_MATCHES + 1)) <= KEYWORD_FIRST_MAX_MATCHES
    ) {
      return page(await findPageWithin(db, search, maxRadius, 'keyword-first', viewer, now));
    }
    radius = Math.min(radius * RING_GROWTH, maxRadius);
  }
}

/** How many listings (of any status) match a keyword expression, counting no further than `cap`. */
async function countMatches(db: DB, match: string, cap: number): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM (SELECT 1 FROM listings_fts WHERE listings_fts MATCH ${match} LIMIT ${cap})`.execute(db);
  return rows[0]!.n;
}

/**
 * One page (plus one row) of the listings within `radiusM`, nearest first.
 *
 * `candidates` are the listings the viewer may see, active, inside the box
 * around the circle (and matching the keyword), each with two cheap bounds
 * on its geodesic distance (see `distanceBounds`), squared. `cut` finds the
 * k-th smallest upper bound among them (k = offset + limit + 1): at least k
 * listings are that near, so no listing of the page is farther, and a
 * listing whose lower bound is beyond it cannot be on the page. `hits` are
 * the remaining candidates with their exact geodesic distance (`geodesic_m`,
 * the one that orders the page; computed once per row: materialized, or
 * SQLite computes it again to filter and to sort); `page` picks the page;
 * the details are joined for its rows only.
 */
async function findPageWithin(
  db: DB,
  search: ListingSearch,
  radiusM: number,
  plan: Plan,
  viewer: ListingViewer,
  now: Date,
): Promise<ListingRow[]> {
  const centre = search.centre;
  const conditions: RawBuilder<unknown>[] = [visibleSql(viewer), activeSql(now)];
  const box = boundingBox(centre, radiusM);
  const wholeWorld = plan === 'scan' || (box.minLat <= -90 && box.maxLat >= 90);
  const match = matchExpression(search.q);
  // A ring with a keyword asks the keyword index for the box's grid cells too (see search-cells.ts), when few cells
  // cover it.
  const cells = plan === 'ring' && match !== null && !wholeWorld ? cellsCovering(box) : null;
  let source = sql`listings l`;
  if (plan === 'keyword-first' || (plan === 'ring' && match !== null)) {
    // The keyword's matches drive: reading them is cheap, looking up a listing is not.
    source = sql`listings_fts f CROSS JOIN listings l ON l.seq = f.rowid`;
    conditions.push(sql`f.listings_fts MATCH ${cells === null ? match : `${match} AND ${cells}`}`);
  } else if (match !== null) {
    conditions.push(sql`l.seq IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH ${match})`);
  }
  if (!wholeWorld) {
    if (plan === 'ring' && cells === null) {
      // SpatiaLite's R*Tree for the column, read directly (what the SpatialIndex table does, with less overhead).
      // With a keyword, the `+` keeps SQLite from looking each match up in the R*Tree: the box's rows are listed once.
      const inBox = sql`(SELECT pkid FROM idx_listings_public_point WHERE xmin <= ${box.maxLon} AND xmax >= ${box.minLon} AND ymin <= ${box.maxLat} AND ymax >= ${box.minLat})`;
      conditions.push(match === null ? sql`l.seq IN ${inBox}` : sql`+f.rowid IN ${inBox}`);
    } else {
      // The cells reach a little beyond the box; the distance bounds hold inside it only.
      conditions.push(
        sql`l.public_lat BETWEEN ${box.minLat} AND ${box.maxLat} AND l.public_lon BETWEEN ${box.minLon} AND ${box.maxLon}`,
      );
    }
  }
  if (search.kind) conditions.push(sql`l.kind = ${search.kind}`);
  if (search.category) conditions.push(sql`l.category = ${search.category}`);

  const bounds = distanceBounds(centre, wholeWorld ? { minLat: -90, maxLat: 90 } : box);
  const k = search.offset + search.limit + 1;
  // Squared metres: the upper bounds that count towards the cut must be surely within the radius (the slack covers
  // the difference between Vincenty's geodesic and the true one, and rounding), and the cut is widened by the same
  // slack.
  const reach = Math.max(0, radiusM - DISTANCE_SLACK_M) ** 2;
  const widen = sql`* ${1 + CUT_RELATIVE_SLACK} + ${DISTANCE_SLACK_M ** 2 * (1 + 1 / CUT_RELATIVE_SLACK)}`;
  const measured = plan === 'scan' ? sql`` : sql`WHERE ${bounds.near2} <= (SELECT t2 FROM cut) ${widen}`;

  const { rows } = await sql<ListingRow>`WITH candidates AS MATERIALIZED (
      SELECT l.seq, l.created_at, l.public_lat, l.public_lon, ${bounds.dLat} AS dlat, ${bounds.dLon} AS dlon
      FROM ${source} JOIN members a ON a.id = l.author_id AND a.status = 'active'
      WHERE ${sql.join(conditions, sql` AND `)}
    ), cut AS (
      SELECT coalesce((SELECT ${bounds.far2} AS far2 FROM candidates WHERE far2 <= ${reach} ORDER BY far2 LIMIT 1 OFFSET ${k - 1}), ${radiusM ** 2}) AS t2
    ), hits AS MATERIALIZED (
      SELECT seq, created_at, geodesic_m(${centre.lat}, ${centre.lon}, public_lat, public_lon) AS distance_m FROM candidates ${measured}
    ), page AS (
      SELECT seq, distance_m FROM hits WHERE distance_m <= ${radiusM} ORDER BY distance_m, created_at DESC, seq DESC LIMIT ${search.limit + 1} OFFSET ${search.offset}
    )
    ${detailsSql(now, sql`page.distance_m`)}
    JOIN page ON page.seq = l.seq
    ORDER BY page.distance_m, l.created_at DESC, l.seq DESC`.execute(db);
  return rows;
}

/**
 * How far Vincenty's geodesic distance (`geodesic_m`) may be from the true one, and relative rounding, with room to
 * spare.
 */
const DISTANCE_SLACK_M = 0.01;
const CUT_RELATIVE_SLACK = 1e-6;

/**
 * Two cheap bounds on the geodesic distance from `centre` to a listing's
 * public point, as squared-metre SQL expressions of `dlat` and `dlon` (its
 * offsets from the centre in degrees, the shorter way round in longitude: SQL
 * expressions of `l`'s columns, also given here), valid for every listing inside `band` whose distance is at most
 * the radius the band was made for (a box from `boundingBox`, or the whole
 * globe). On the WGS84 ellipsoid a path's length element is
 * ds² = M(φ)² dφ² + c(φ)² dλ², with M the meridional radius of curvature
 * (growing towards the poles) and c = N(φ) cos φ the radius of the parallel
 * (shrinking towards them). A geodesic no longer than the radius stays inside
 * the band (it cannot change latitude faster than 1/M ≤ 1/110,574 m per degree,
 * and the band is wider than that), so replacing M and c by their least values
 * in the band gives a flat metric that is nowhere longer: the straight distance in
 * it is a lower bound (`near2`). The straight line in latitude and longitude
 * is a path between the two points that stays in the band, and its length with
 * the greatest values of M and c is an upper bound (`far2`).
 */
export function distanceBounds(
  centre: LatLon,
  band: { minLat: number; maxLat: number },
): { dLat: RawBuilder<number>; dLon: RawBuilder<number>; near2: RawBuilder<number>; far2: RawBuilder<number> } {
  const crossesEquator = band.minLat <= 0 && band.maxLat >= 0;
  const leastLat = crossesEquator ? 0 : Math.min(Math.abs(band.minLat), Math.abs(band.maxLat));
  const mostLat = Math.min(90, Math.max(Math.abs(band.minLat), Math.abs(band.maxLat)));
  const [mLeast, mMost] = [meridianMetresPerDegree(leastLat), meridianMetresPerDegree(mostLat)];
  const [cLeast, cMost] = [parallelMetresPerDegree(mostLat), parallelMetresPerDegree(leastLat)];
  return {
    dLat: sql<number>`(l.public_lat - ${centre.lat})`,
    dLon: sql<number>`(180 - abs(180 - abs(l.public_lon - ${centre.lon})))`,
    near2: sql<number>`(dlat * dlat * ${mLeast ** 2} + dlon * dlon * ${cLeast ** 2})`,
    far2: sql<number>`(dlat * dlat * ${mMost ** 2} + dlon * dlon * ${cMost ** 2})`,
  };
}

const WGS84_A = 6_378_137;
const WGS84_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);
const RADIANS_PER_DEGREE = Math.PI / 180;

/** M(φ) in metres per degree of latitude: least at the equator, greatest at the poles. */
export function meridianMetresPerDegree(latDeg: number): number {
  const sin = Math.sin(latDeg * RADIANS_PER_DEGREE);
  return ((WGS84_A * (1 - WGS84_E2)) / (1 - WGS84_E2 * sin * sin) ** 1.5) * RADIANS_PER_DEGREE;
}

/** N(φ) cos φ in metres per degree of longitude: greatest at the equator, none at the poles. */
export function parallelMetresPerDegree(latDeg: number): number {
  if (latDeg >= 90) return 0;
  const sin = Math.sin(latDeg * RADIANS_PER_DEGREE);
  return ((WGS84_A * Math.cos(latDeg * RADIANS_PER_DEGREE)) / Math.sqrt(1 - WGS84_E2 * sin * sin)) * RADIANS_PER_DEGREE;
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
  const { rows } =
    await sql<ListingRow>`${detailsSql(now, sql`NULL`)} WHERE l.author_id = ${authorId} AND ${archived} ORDER BY l.created_at DESC, l.seq DESC`.execute(
      db,
    );
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

export async function insertNotice(
  db: DB,
  notice: { memberId: number; listingSeq: number; message: string; now: Date },
): Promise<void> {
  await db
    .insertInto('listing_notices')
    .values({
      member_id: notice.memberId,
      listing_seq: notice.listingSeq,
      message: notice.message,
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

export interface Notice {
  id: number;
  listingId: string;
  message: string;
  createdAt: string;
}

export async function findUnreadNotices(db: DB, memberId: number): Promise<Notice[]> {
  const rows = await db
    .selectFrom('listing_notices as n')
    .innerJoin('listings as l', 'l.seq', 'n.listing_seq')
    .select(['n.id', 'l.id as listing_id', 'n.message', 'n.created_at'])
    .where('n.member_id', '=', memberId)
    .where('n.read_at', 'is', null)
    .orderBy('n.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, listingId: r.listing_id, message: r.message, createdAt: r.created_at }));
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

/** Whether any listing, visible or not, has this id (ids are global, chosen by the caller for POST to an id). */
export async function listingIdTaken(db: DB, id: string): Promise<boolean> {
  return (await db.selectFrom('listings').select('seq').where('id', '=', id).executeTakeFirst()) !== undefined;
}
