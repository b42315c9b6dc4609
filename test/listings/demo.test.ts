import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seedDemo } from '../../src/demo/seed.js';
import { startTestBox, type TestBox } from '../helpers/box.js';

let box: TestBox;
beforeAll(async () => {
  box = await startTestBox();
  await seedDemo(box.database.db, box.clock.now());
});
afterAll(() => box.close());

describe('demo listings', () => {
  it(
    'adds about 300 listings around Diss with a spread of kinds, ' +
      'categories, terms, ages, statuses and visibilities',
    async () => {
      const db = box.database.db;
      const now = box.clock.now().toISOString();
      const { rows } = await sql<{
        n: number;
        public: number;
        groups: number;
        offers: number;
        categories: number;
        terms: number;
        expired: number;
        promised: number;
        done: number;
        withdrawn: number;
        photos: number;
        far: number;
      }>`
      SELECT COUNT(*) AS n, SUM(visibility = 'public') AS public, SUM(visibility = 'group') AS groups,
        SUM(kind = 'offer') AS offers,
        COUNT(DISTINCT category) AS categories, COUNT(DISTINCT terms) AS terms,
        SUM(expires_at <= ${now} AND promised_to IS NULL AND done_at IS NULL AND withdrawn_at IS NULL) AS expired,
        SUM(promised_to IS NOT NULL AND done_at IS NULL AND withdrawn_at IS NULL) AS promised,
        SUM(done_at IS NOT NULL) AS done, SUM(withdrawn_at IS NOT NULL) AS withdrawn,
        (SELECT COUNT(*) FROM listing_photos) AS photos,
        SUM(ST_Distance(public_point, MakePoint(1.1077, 52.3765, 4326), 1) > 30000) AS far
      FROM listings`.execute(db);
      const s = rows[0]!;
      expect(s.n).toBeGreaterThanOrEqual(290);
      expect(s.public / s.n).toBeGreaterThan(1 / 3);
      expect(s.groups).toBeGreaterThan(0);
      expect(s.offers).toBeGreaterThan(0);
      expect(s.offers).toBeLessThan(s.n);
      expect(s.categories).toBe(8);
      expect(s.terms).toBe(4);
      for (const status of ['expired', 'promised', 'done', 'withdrawn'] as const)
        expect(s[status], status).toBeGreaterThan(0);
      expect(s.photos).toBeGreaterThanOrEqual(5);
      expect(s.far).toBe(0);
      const visitor = await box.client().get('/listings?centre=box&radius=10');
      expect(visitor.status).toBe(200);
      expect(visitor.text).toMatch(/rel="next"/);
    },
  );
});
