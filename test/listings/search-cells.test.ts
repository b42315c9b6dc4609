import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { openDatabase } from '../../src/db/open.js';
import { findListingsNear } from '../../src/listings/search.queries.js';
import { cellsCovering, cellTokensOf } from '../../src/listings/search-cells.js';
import { startSetUpBox, addActiveMember, type TestBox } from '../helpers/box.js';
import { iso } from '../../src/lib/time.js';

/**
 * The grid-cell tokens of the keyword index: the app's (for a search) and the
 * database's generated column (for every listing) must agree to the last
 * digit, a box's cells must hold every point inside it, and no keyword may
 * ever match a cell.
 */
let box: TestBox;
let authorId: number;
const random = (() => {
  let state = 77;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
})();

beforeAll(async () => {
  box = await startSetUpBox();
  authorId = (await addActiveMember(box)).id;
});
afterAll(() => box.close());

function insertAt(lat: number, lon: number, title: string): number {
  const now = iso(box.clock.now());
  const result = box.database.sqlite
    .prepare(`INSERT INTO listings (id, author_id, kind, title, description, category, terms, lat, lon, public_lat,
        public_lon, public_point, visibility, expires_at, created_at, updated_at)
      VALUES (?, ?, 'offer', ?, '', 'goods', 'free', ?, ?, ?, ?, MakePoint(?, ?, 4326), 'public',
        '2099-01-01T00:00:00.000Z', ?, ?)`)
    .run(crypto.randomUUID(), authorId, title, lat, lon, lat, lon, lon, lat, now, now);
  return Number(result.lastInsertRowid);
}

/** Points on cell edges and the globe's edges, and random ones anywhere. */
const points = [
  { lat: 0, lon: 0 },
  { lat: 90, lon: 180 },
  { lat: -90, lon: -180 },
  { lat: 52.4, lon: 1.1 },
  { lat: 52.08, lon: 1.28 },
  { lat: -33.86, lon: 151.21 },
  { lat: 51.5, lon: -0.12 },
  { lat: 0.01, lon: -0.01 },
  { lat: -0.005, lon: 179.995 },
  ...Array.from({ length: 300 }, () => ({
    lat: Math.round((random() * 180 - 90) * 1e6) / 1e6,
    lon: Math.round((random() * 360 - 180) * 1e6) / 1e6,
  })),
];

describe('grid-cell tokens', () => {
  it('are the same in the app as in the database, for every point', async () => {
    const seqs = box.database.sqlite.transaction(() => points.map((p) => insertAt(p.lat, p.lon, 'cell check')))();
    const { rows } = await sql<{
      seq: number;
      search_cells: string;
    }>`SELECT seq, search_cells FROM listings WHERE seq IN (${sql.join(seqs)}) ORDER BY seq`.execute(box.database.db);
    expect(rows.map((r) => r.search_cells.split(' '))).toEqual(points.map((p) => cellTokensOf(p)));
  });

  it('of a box include a cell holding each point inside it', () => {
    for (let i = 0; i < 2000; i++) {
      const radiusDeg = 0.005 * 2 ** Math.floor(random() * 9);
      const centre = { lat: 40 + random() * 20, lon: random() * 20 - 10 };
      const box_ = {
        minLat: centre.lat - radiusDeg,
        maxLat: centre.lat + radiusDeg,
        minLon: centre.lon - radiusDeg * 1.6,
        maxLon: centre.lon + radiusDeg * 1.6,
      };
      const covering = cellsCovering(box_);
      expect(covering, JSON.stringify(box_)).not.toBeNull();
      const point = {
        lat: box_.minLat + random() * (box_.maxLat - box_.minLat),
        lon: box_.minLon + random() * (box_.maxLon - box_.minLon),
      };
      const corner = { lat: box_.maxLat, lon: box_.maxLon };
      for (const p of [point, corner])
        expect(
          cellTokensOf(p).some((t) => covering!.includes(`"${t}"`)),
          JSON.stringify({ box_, p }),
        ).toBe(true);
    }
  });

  it('are too many for a box near a pole, which spans every longitude', () => {
    expect(cellsCovering({ minLat: 89.7, maxLat: 89.9, minLon: -180, maxLon: 180 })).toBeNull();
  });

  it('never match a keyword, not even a one-letter prefix or the token itself', async () => {
    insertAt(52.4, 1.1, 'wheelbarrow');
    const id = (
      box.database.sqlite.prepare("SELECT id FROM listings WHERE title = 'wheelbarrow'").get() as { id: string }
    ).id;
    const [token] = cellTokensOf({ lat: 52.4, lon: 1.1 }).slice(3);
    for (const q of ['g', 'g3', token!, token!.slice(1), 'g3x*', '"g3x"*']) {
      const found = await box
        .client()
        .json('GET', `/api/v1/listings?lat=52.4&lon=1.1&radius_km=1&q=${encodeURIComponent(q)}`);
      expect(found.status, q).toBe(200);
      expect(found.body.listings, q).toEqual([]);
    }
    const wheelbarrow = await box.client().json('GET', '/api/v1/listings?lat=52.4&lon=1.1&radius_km=1&q=wheel');
    expect(wheelbarrow.body.listings.map((l: { id: string }) => l.id)).toEqual([id]);
  });
});

describe('a box upgraded to the grid cells', () => {
  it('finds the listings it had before, by keyword near a place, and its indexes check out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-cells-upgrade-'));
    const database = openDatabase(path.join(dir, 'marketcross.db'));
    try {
      const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026-12-04T09-00'));
      await migrateToLatest(database.db, () => {}, before);
      const { sqlite } = database;
      sqlite
        .prepare(`INSERT INTO members (handle, display_name, kind, email, password_hash, status, role, why_join, lat,
          lon, created_at)
        VALUES ('old-author', 'Old Author', 'person', 'old@example.org', 'x', 'active', 'member', '', 52.4, 1.1,
          '2026-11-01T00:00:00.000Z')`)
        .run();
      const authorId = Number(
        (sqlite.prepare("SELECT id FROM members WHERE handle = 'old-author'").get() as { id: number }).id,
      );
      const insert =
        sqlite.prepare(`INSERT INTO listings (id, author_id, kind, title, description, category, terms, lat, lon,
          public_lat, public_lon, public_point, visibility, expires_at, created_at, updated_at)
        VALUES (?, ?, 'offer', ?, '', 'goods', 'free', ?, ?, ?, ?, MakePoint(?, ?, 4326), 'members',
          '2099-01-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`);
      for (let i = 0; i < 50; i++) {
        const [lat, lon] = [52.3 + random() * 0.2, 1.0 + random() * 0.3];
        insert.run(
          crypto.randomUUID(),
          authorId,
          i % 2 ? 'Bicycle pump' : 'Garden bench',
          lat,
          lon,
          lat,
          lon,
          lon,
          lat,
        );
      }
      const upToCells = Object.fromEntries(
        Object.entries(migrations).filter(([name]) => name <= '2026-12-04T09-00-listing-search-cells'),
      );
      expect(await migrateToLatest(database.db, () => {}, upToCells)).toEqual([
        '2026-12-04T09-00-listing-search-cells',
      ]);
      const found = await findListingsNear(
        database.db,
        {
          centre: { lat: 52.4, lon: 1.15 },
          radiusM: 25_000,
          q: 'bicy',
          kind: null,
          category: null,
          limit: 100,
          offset: 0,
        },
        { id: authorId, groupIds: [] },
        new Date('2026-12-04T00:00:00Z'),
      );
      expect(found.listings).toHaveLength(25);
      expect(found.listings.every((l) => l.title === 'Bicycle pump')).toBe(true);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(() =>
        sqlite.prepare("INSERT INTO listings_fts(listings_fts, rank) VALUES ('integrity-check', 1)").run(),
      ).not.toThrow();
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
