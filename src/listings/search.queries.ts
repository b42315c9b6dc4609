import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/database.js';
import type { ListingKind } from './listings.table.js';
import type { LatLon } from '../members/location.js';
import { cellsCovering } from './search-cells.js';
import { boundingBox, matchExpression, type Category, type Listing } from './listings.js';
import {
  activeSql,
  detailsSql,
  type ListingRow,
  openableSql,
  type ListingViewer,
  toListing,
  visibleSql,
} from './listings.queries.js';

/**
 * The radius and keyword search: the rings over the spatial index, keyword-first for a rare keyword, and the cheap
 * bounds that spare most geodesic distances.
 */

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
 * instead (keyword-first, one pass, no more rings). Either way the geodesic
 * distance (about 1 µs each) is computed only for the listings that can make
 * the page: see `findPageWithin`.
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
      const inBox = sql`(SELECT pkid FROM idx_listings_public_point
        WHERE xmin <= ${box.maxLon} AND xmax >= ${box.minLon} AND ymin <= ${box.maxLat} AND ymax >= ${box.minLat})`;
      conditions.push(match === null ? sql`l.seq IN ${inBox}` : sql`+f.rowid IN ${inBox}`);
    } else {
      // The cells reach a little beyond the box; the distance bounds hold inside it only.
      conditions.push(
        sql`l.public_lat BETWEEN ${box.minLat} AND ${box.maxLat}
          AND l.public_lon BETWEEN ${box.minLon} AND ${box.maxLon}`,
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
      SELECT coalesce(
        (SELECT ${bounds.far2} AS far2 FROM candidates WHERE far2 <= ${reach} ORDER BY far2 LIMIT 1 OFFSET ${k - 1}),
        ${radiusM ** 2}
      ) AS t2
    ), hits AS MATERIALIZED (
      SELECT seq, created_at, geodesic_m(${centre.lat}, ${centre.lon}, public_lat, public_lon) AS distance_m
      FROM candidates ${measured}
    ), page AS (
      SELECT seq, distance_m FROM hits WHERE distance_m <= ${radiusM}
      ORDER BY distance_m, created_at DESC, seq DESC LIMIT ${search.limit + 1} OFFSET ${search.offset}
    )
    ${detailsSql(now, sql`page.distance_m`)}
    JOIN page ON page.seq = l.seq
    ORDER BY page.distance_m, l.created_at DESC, l.seq DESC`.execute(db);
  return rows;
}

/** The home page's "new near you": where, since when (null for the newest), and how many. */
export interface NewListingsSearch {
  centre: LatLon;
  radiusM: number;
  since: string | null;
  limit: number;
}

/**
 * The newest listings within `search.radiusM` of its centre posted after `search.since` that the viewer may see,
 * newest first, leaving out the viewer's own: the search's visibility, status and author rules, ordered by time
 * rather than distance. The `listings_created` index is walked from the newest and the walk stops at the page, so
 * a recent `since` bounds it; the box's bounds spare most geodesic distances.
 */
export async function findNewListingsNear(
  db: DB,
  search: NewListingsSearch,
  viewer: NonNullable<ListingViewer>,
  now: Date,
): Promise<{ listings: Listing[]; hasMore: boolean }> {
  const { centre, radiusM } = search;
  const box = boundingBox(centre, radiusM);
  const since = search.since === null ? sql`` : sql`AND l.created_at > ${search.since}`;
  const { rows } = await sql<ListingRow>`WITH candidates AS (
      SELECT l.seq, l.created_at, geodesic_m(${centre.lat}, ${centre.lon}, l.public_lat, l.public_lon) AS distance_m
      FROM listings l JOIN members a ON a.id = l.author_id
      WHERE ${openableSql(viewer)} AND ${activeSql(now)} AND l.author_id <> ${viewer.id} ${since}
        AND l.public_lat BETWEEN ${box.minLat} AND ${box.maxLat}
        AND l.public_lon BETWEEN ${box.minLon} AND ${box.maxLon}
    ), page AS (
      SELECT seq, distance_m FROM candidates WHERE distance_m <= ${radiusM}
      ORDER BY created_at DESC, seq DESC LIMIT ${search.limit + 1}
    )
    ${detailsSql(now, sql`page.distance_m`)}
    JOIN page ON page.seq = l.seq
    ORDER BY l.created_at DESC, l.seq DESC`.execute(db);
  return {
    listings: rows.slice(0, search.limit).map((row) => toListing(row, viewer.id)),
    hasMore: rows.length > search.limit,
  };
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
function meridianMetresPerDegree(latDeg: number): number {
  const sin = Math.sin(latDeg * RADIANS_PER_DEGREE);
  return ((WGS84_A * (1 - WGS84_E2)) / (1 - WGS84_E2 * sin * sin) ** 1.5) * RADIANS_PER_DEGREE;
}

/** N(φ) cos φ in metres per degree of longitude: greatest at the equator, none at the poles. */
function parallelMetresPerDegree(latDeg: number): number {
  if (latDeg >= 90) return 0;
  const sin = Math.sin(latDeg * RADIANS_PER_DEGREE);
  return ((WGS84_A * Math.cos(latDeg * RADIANS_PER_DEGREE)) / Math.sqrt(1 - WGS84_E2 * sin * sin)) * RADIANS_PER_DEGREE;
}

/**
 * Merges each keyword index (this town's listings and the siblings') into one segment: FTS5 adds a small segment per
 * write and merges them only now and then, and a search reads every segment for each word and grid cell it asks for.
 */
export async function mergeKeywordIndexSegments(db: DB): Promise<void> {
  await sql`INSERT INTO listings_fts(listings_fts) VALUES ('optimize')`.execute(db);
  await sql`INSERT INTO remote_listings_fts(remote_listings_fts) VALUES ('optimize')`.execute(db);
}
