import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import geodesic from 'geographiclib-geodesic';
import { Kysely, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import type { Database } from '../../src/db/database.js';
import type { ListingViewer } from '../../src/listings/listings.queries.js';
import { distanceBounds, findListingsNear, type ListingSearch } from '../../src/listings/search.queries.js';
import { boundingBox } from '../../src/listings/listings.js';
import { iso } from '../../src/lib/time.js';
import { addActiveMember, DISS, startSetUpBox, type TestBox } from '../helpers/box.js';

/**
 * The search's plans (rings over the spatial index, with or without a
 * keyword; keyword-first for a keyword that is rare; the bounds that spare
 * geodesic distances) against a brute-force reference: every listing
 * measured, filtered and sorted in plain code. Same listings, same order
 * (nearest, then newest, then seq), same pages, same `hasMore`.
 */
const geod = geodesic.Geodesic.WGS84;
const DAY = 86_400_000;

let box: TestBox;
let member: ListingViewer;
let groupId: number;
let searchDb: Kysely<Database>;
const recorded: CompiledQuery[] = [];
const random = (() => {
  let state = 2026;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
})();

interface Row {
  seq: number;
  id: string;
  title: string;
  description: string;
  kind: string;
  category: string;
  visibility: string;
  group_id: number | null;
  author_id: number;
  withdrawn_at: string | null;
  expires_at: string;
  created_at: string;
  d: number;
}

beforeAll(async () => {
  box = await startSetUpBox();
  const author = await addActiveMember(box);
  const reader = await addActiveMember(box);
  // Group-only listings go to the community's root group, whose member the reader is said to be.
  groupId = (await sql<{ id: number }>`SELECT min(id) AS id FROM groups`.execute(box.database.db)).rows[0]!.id;
  member = { id: reader.id, groupIds: [groupId] };
  const now = box.clock.now().getTime();
  const insert = box.database.sqlite.prepare(`INSERT INTO listings (id, author_id, kind, title, description, category,
      terms, lat, lon, public_lat, public_lon, public_point, visibility, group_id, withdrawn_at, expires_at, created_at,
      updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 'free', ?, ?, ?, ?, MakePoint(?, ?, 4326), ?, ?, ?, ?, ?, ?)`);
  const add = (title: string, lat: number, lon: number, createdAt = now - Math.floor(random() * 20) * DAY) => {
    const r = random();
    const visibility = r < 0.4 ? 'public' : r < 0.9 ? 'members' : 'group';
    const closed = random() < 0.05;
    const expired = random() < 0.05;
    insert.run(
      crypto.randomUUID(),
      random() < 0.1 ? reader.id : author.id,
      random() < 0.6 ? 'offer' : 'want',
      title,
      `A ${title} for you.`,
      random() < 0.5 ? 'goods' : 'food',
      lat,
      lon,
      lat,
      lon,
      lon,
      lat,
      visibility,
      visibility === 'group' ? groupId : null,
      closed ? iso(new Date(now - DAY)) : null,
      iso(new Date(expired ? now - DAY : createdAt + 30 * DAY)),
      iso(new Date(createdAt)),
      iso(new Date(createdAt)),
    );
  };
  const near = (km: number) => ({
    lat: DISS.lat + ((random() * 2 - 1) * km) / 111,
    lon: DISS.lon + ((random() * 2 - 1) * km) / 68,
  });
  box.database.sqlite.transaction(() => {
    // Common but spread thin: more matches than the keyword-first cap, few in the first ring, so rings grow.
    for (let i = 0; i < 1100; i++)
      add('bike and helmet', DISS.lat + (random() * 2 - 1) * 0.9, DISS.lon + (random() * 2 - 1) * 1.5);
    // Rare: a few dozen within 20 km, so the first ring falls short and the keyword is searched keyword-first.
    for (let i = 0; i < 30; i++) {
      const p = near(20);
      add('kayak to borrow', p.lat, p.lon);
    }
    // Common and close: the first ring holds a page.
    for (let i = 0; i < 200; i++) {
      const p = near(3);
      add('apples from the orchard', p.lat, p.lon);
    }
    for (let i = 0; i < 200; i++) {
      const p = near(10);
      add('chairs', p.lat, p.lon);
    }
    // Near the North Pole a box spans every longitude: too many grid cells, so a keyword's rings read the spatial
    // index.
    for (let i = 0; i < 40; i++) add('polar bike', 89.7 + random() * 0.29, random() * 360 - 180);
    // Ties: many listings on the same few (rounded) points, some created at the same moment.
    for (let i = 0; i < 60; i++)
      add(
        i % 2 ? 'sofa bed' : 'sofa cushions',
        DISS.lat + 0.004 * (i % 3),
        DISS.lon + 0.004 * (i % 3),
        now - (i % 4) * DAY,
      );
  })();
  // The searches run through a second kysely over the same connection that records each query, to check which plan each
  // took.
  searchDb = new Kysely<Database>({
    dialect: new SqliteDialect({ database: box.database.sqlite }),
    log: (event) => void recorded.push(event.query),
  });
});
afterAll(() => box.close());

/** The reference: every listing measured by the same geodesic distance, filtered and ordered in plain code. */
async function bruteForce(search: ListingSearch, viewer: ListingViewer): Promise<{ ids: string[]; hasMore: boolean }> {
  const { rows } = await sql<Row>`SELECT seq, id, title, description, kind, category, visibility, group_id, author_id,
      withdrawn_at, expires_at, created_at,
      geodesic_m(${search.centre.lat}, ${search.centre.lon}, public_lat, public_lon) AS d FROM listings`.execute(
    box.database.db,
  );
  const now = iso(box.clock.now());
  const words = search.q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const hits = rows.filter((r) => {
    const tokens = `${r.title} ${r.description}`.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    const visible =
      r.visibility === 'public' ||
      (viewer !== null &&
        (r.visibility === 'members' || viewer.groupIds.includes(r.group_id!) || r.author_id === viewer.id));
    return (
      visible &&
      r.withdrawn_at === null &&
      r.expires_at > now &&
      (search.radiusM === null || r.d <= search.radiusM) &&
      (search.kind === null || r.kind === search.kind) &&
      (search.category === null || r.category === search.category) &&
      words.every((w) => tokens.some((t) => t.startsWith(w)))
    );
  });
  hits.sort(
    (a, b) => a.d - b.d || (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0) || b.seq - a.seq,
  );
  return {
    ids: hits.slice(search.offset, search.offset + search.limit).map((r) => r.id),
    hasMore: hits.length > search.offset + search.limit,
  };
}

async function expectSameAsBruteForce(search: ListingSearch, viewer: ListingViewer): Promise<CompiledQuery[]> {
  recorded.length = 0;
  const found = await findListingsNear(searchDb, search, viewer, box.clock.now());
  const queries = [...recorded];
  const expected = await bruteForce(search, viewer);
  expect({ ids: found.listings.map((l) => l.id), hasMore: found.hasMore }, JSON.stringify(search)).toEqual(expected);
  return queries;
}

/**
 * A ring reads the spatial index, or (with a keyword) asks the keyword index for grid cells, whose tokens start with
 * U+E000.
 */
const ringQuery = (q: CompiledQuery) =>
  q.sql.includes('idx_listings_public_point') ||
  q.parameters.some((p) => typeof p === 'string' && p.includes('\u{E000}'));
const keywordFirstQuery = (q: CompiledQuery) => q.sql.includes('listings_fts f') && !ringQuery(q);
const countQuery = (q: CompiledQuery) => q.sql.includes('SELECT count(*) AS n FROM (SELECT 1 FROM listings_fts');

describe('search plans against a brute-force reference', () => {
  const base = { centre: DISS, kind: null, category: null, limit: 20, offset: 0 };

  it('a keyword close by and common is found ring by ring, without counting its matches', async () => {
    const queries = await expectSameAsBruteForce({ ...base, radiusM: 10_000, q: 'apples' }, member);
    expect(queries.filter(ringQuery)).toHaveLength(1);
    expect(queries.some(countQuery)).toBe(false);
  });

  it('a rare keyword is counted, then searched keyword-first', async () => {
    const queries = await expectSameAsBruteForce({ ...base, radiusM: 50_000, q: 'kayak' }, member);
    expect(queries.some(countQuery)).toBe(true);
    expect(queries.some(keywordFirstQuery)).toBe(true);
  });

  it('a common keyword spread thin goes on ring by ring after counting', async () => {
    const queries = await expectSameAsBruteForce({ ...base, radiusM: 50_000, q: 'bike' }, member);
    expect(queries.some(countQuery)).toBe(true);
    expect(queries.some(keywordFirstQuery)).toBe(false);
    expect(queries.filter(ringQuery).length).toBeGreaterThan(1);
  });

  it('a common keyword is matched with the grid cells around the centre', async () => {
    const queries = await expectSameAsBruteForce({ ...base, radiusM: 25_000, q: 'bike' }, member);
    expect(queries.filter(ringQuery).every((q) => !q.sql.includes('idx_listings_public_point'))).toBe(true);
  });

  it(
    'a common keyword near a pole, where too many cells would cover a box, ' + 'is checked against the spatial index',
    async () => {
      const queries = await expectSameAsBruteForce(
        { ...base, centre: { lat: 89.8, lon: 10 }, radiusM: 50_000, q: 'bike' },
        member,
      );
      expect(queries.some((q) => q.sql.includes('idx_listings_public_point') && q.sql.includes('listings_fts f'))).toBe(
        true,
      );
    },
  );

  it('a rare keyword anywhere (the whole globe as one band)', async () => {
    const queries = await expectSameAsBruteForce({ ...base, radiusM: null, q: 'kayak' }, null);
    expect(queries.some(keywordFirstQuery)).toBe(true);
  });

  const centres = [DISS, { lat: 52.5, lon: 0.9 }, { lat: 52.2, lon: 1.5 }, { lat: 89.9, lon: -120 }];
  const radii = [1000, 5000, 10_000, 50_000, null];
  const keywords = ['', 'apples', 'kayak', 'bike', 'bik', 'kayak borrow', 'sofa', 'sofa bed', 'chairs', 'nothing'];
  for (const q of keywords) {
    it(`q=${JSON.stringify(q)}: every centre, radius, page and viewer gives the reference's page`, async () => {
      for (const centre of centres) {
        for (const radiusM of radii) {
          for (const viewer of [member, null]) {
            const offset = random() < 0.5 ? 0 : 20;
            const kind = random() < 0.3 ? 'want' : null;
            const category = random() < 0.2 ? 'food' : null;
            const limit = random() < 0.2 ? 1 : 20;
            await expectSameAsBruteForce({ centre, radiusM, q, kind, category, limit, offset }, viewer);
          }
        }
      }
    });
  }

  it('pages through a common keyword without gaps or repeats', async () => {
    const search = { ...base, radiusM: 50_000, q: 'bike' };
    const all = await bruteForce({ ...search, limit: 5000 }, member);
    const paged: string[] = [];
    for (let offset = 0; offset < 200; offset += 20) {
      const page = await findListingsNear(box.database.db, { ...search, offset }, member, box.clock.now());
      paged.push(...page.listings.map((l) => l.id));
      if (!page.hasMore) break;
    }
    expect(paged).toEqual(all.ids.slice(0, paged.length));
  });
});

describe('distance bounds', () => {
  it('hold the geodesic distance between them, at every latitude and bearing', async () => {
    for (const lat of [0, 1, 30, 52.4, 60, 70, -45, 80]) {
      for (const radiusM of [1000, 10_000, 50_000, 500_000]) {
        const centre = { lat, lon: 1.1 };
        const box_ = boundingBox(centre, radiusM);
        const bounds = distanceBounds(centre, box_);
        for (let bearing = 0; bearing < 360; bearing += 15) {
          for (const fraction of [0.1, 0.5, 0.99]) {
            const p = geod.Direct(centre.lat, centre.lon, bearing, radiusM * fraction);
            const truth = geod.Inverse(centre.lat, centre.lon, p.lat2!, p.lon2!).s12!;
            const { rows } = await sql<{
              near2: number;
              far2: number;
            }>`SELECT ${bounds.near2} AS near2, ${bounds.far2} AS far2 FROM (
                SELECT ${bounds.dLat} AS dlat, ${bounds.dLon} AS dlon
                FROM (SELECT ${p.lat2} AS public_lat, ${p.lon2} AS public_lon) l)`.execute(box.database.db);
            const { near2, far2 } = rows[0]!;
            expect(Math.sqrt(near2), `lower bound at ${lat}°, ${radiusM} m, ${bearing}°`).toBeLessThanOrEqual(
              truth * (1 + 1e-9),
            );
            expect(Math.sqrt(far2), `upper bound at ${lat}°, ${radiusM} m, ${bearing}°`).toBeGreaterThanOrEqual(
              truth * (1 - 1e-9),
            );
          }
        }
      }
    }
  });
});
