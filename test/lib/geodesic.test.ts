import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import geodesic from 'geographiclib-geodesic';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { geodesicDistanceM } from '../../src/lib/geodesic.js';

/**
 * The app's geodesic distance (Vincenty's formula) against GeographicLib,
 * an independent implementation, everywhere on the globe: nearby, across
 * oceans, along the equator, over the poles, and nearly antipodal (where
 * Vincenty's iteration fails and GeographicLib takes over). And the SQL
 * function every query uses is that one, agreeing with SpatiaLite's own.
 */
const geod = geodesic.Geodesic.WGS84;
const truth = (a: number, b: number, c: number, d: number) => geod.Inverse(a, b, c, d).s12!;
const random = (() => {
  let state = 5;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
})();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-geodesic-'));
const database = openDatabase(path.join(dir, 'marketcross.db'));
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const pairs: [number, number, number, number][] = [
  [52.3765, 1.1077, 52.3765, 1.1077], // the same point
  [52.3765, 1.1077, 52.3865, 1.1077], // 1.1 km north
  [0, 0, 0, 90], // along the equator
  [0, 179.9, 0, -179.9], // across the date line
  [89.9, 0, 89.9, 180], // over the pole
  [-90, 0, 90, 0], // pole to pole
  [0, 0, 0.5, 179.7], // nearly antipodal: Vincenty does not settle
  [10, 20, -10, -160], // exactly antipodal
  [52.4, 1.1, -52.4, -178.9],
  ...Array.from({ length: 2000 }, (): [number, number, number, number] => [
    random() * 180 - 90,
    random() * 360 - 180,
    random() * 180 - 90,
    random() * 360 - 180,
  ]),
  ...Array.from({ length: 500 }, (): [number, number, number, number] => {
    const lat = 51.9 + random();
    const lon = 0.2 + random() * 1.5;
    return [lat, lon, lat + (random() - 0.5) * 0.9, lon + (random() - 0.5) * 1.4]; // East Anglia, up to about 50 km
  }),
];

describe('geodesic distance', () => {
  it('agrees with GeographicLib within a millimetre everywhere', () => {
    for (const [lat1, lon1, lat2, lon2] of pairs) {
      expect(
        Math.abs(geodesicDistanceM(lat1, lon1, lat2, lon2) - truth(lat1, lon1, lat2, lon2)),
        JSON.stringify([lat1, lon1, lat2, lon2]),
      ).toBeLessThan(0.001);
    }
  });

  it('is the SQL function geodesic_m, which agrees with SpatiaLite’s ST_Distance(…, 1) and passes NULL through', () => {
    const query = database.sqlite.prepare(
      `SELECT geodesic_m(?, ?, ?, ?) AS ours,
              ST_Distance(MakePoint(?, ?, 4326), MakePoint(?, ?, 4326), 1) AS spatialite`,
    );
    for (const [lat1, lon1, lat2, lon2] of pairs.slice(9, 400)) {
      const { ours, spatialite } = query.get(lat1, lon1, lat2, lon2, lon1, lat1, lon2, lat2) as {
        ours: number;
        spatialite: number;
      };
      expect(ours).toBe(geodesicDistanceM(lat1, lon1, lat2, lon2));
      if (spatialite >= 0)
        // SpatiaLite gives -1 where Vincenty fails
        expect(Math.abs(ours - spatialite), JSON.stringify([lat1, lon1, lat2, lon2])).toBeLessThan(0.001);
    }
    expect(database.sqlite.prepare('SELECT geodesic_m(NULL, 1, 52, 1) AS d').get()).toEqual({ d: null });
  });
});
