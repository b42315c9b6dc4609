import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import geodesic from 'geographiclib-geodesic';
import { listingViewerOf } from '../../src/listings/listings.queries.js';
import { findListingsNear } from '../../src/listings/search.queries.js';
import { boundingBox, RADII_KM } from '../../src/listings/listings.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { storeListing } from './helpers.js';

/**
 * Radius search against GeographicLib, an independent geodesic implementation:
 * points 2 m inside and 2 m outside every radius, at bearings all round, from
 * centres across the demo area; every distance within 1 m; nearest first.
 */
const geod = geodesic.Geodesic.WGS84;
const CENTRES = [
  { name: 'Diss', lat: 52.3765, lon: 1.1077 },
  { name: 'Eye', lat: 52.321, lon: 1.147 },
  { name: 'Harleston', lat: 52.403, lon: 1.299 },
  { name: 'Garboldisham', lat: 52.3965, lon: 0.9545 },
];
const BEARINGS = [0, 45, 90, 135, 180, 225, 270, 315];

let box: TestBox;
let viewer: Awaited<ReturnType<typeof listingViewerOf>>;
const expected = new Map<string, { centre: string; radiusKm: number; inside: boolean }>();

beforeAll(async () => {
  box = await startSetUpBox();
  const author = await addActiveMember(box);
  const reader = await addActiveMember(box);
  viewer = await listingViewerOf(box.database.db, { id: reader.id, role: 'member' });
  for (const centre of CENTRES) {
    for (const radiusKm of RADII_KM) {
      for (const [i, bearing] of BEARINGS.entries()) {
        const inside = i % 2 === 0;
        const s = radiusKm * 1000 + (inside ? -2 : 2);
        const p = geod.Direct(centre.lat, centre.lon, bearing + radiusKm, s);
        const { id } = await storeListing(box, author.id, { lat: p.lat2!, lon: p.lon2! });
        expected.set(id, { centre: centre.name, radiusKm, inside });
      }
    }
  }
});
afterAll(() => box.close());

describe('radius search', () => {
  for (const centre of CENTRES) {
    for (const radiusKm of RADII_KM) {
      it(
        `around ${centre.name} within ${radiusKm} km: just inside found, ` +
          'just outside not, distances within 1 m, nearest first',
        async () => {
          const { listings, hasMore } = await findListingsNear(
            box.database.db,
            { centre, radiusM: radiusKm * 1000, q: '', kind: null, category: null, limit: 2000, offset: 0 },
            viewer,
            box.clock.now(),
          );
          expect(hasMore).toBe(false);
          const found = new Set(listings.map((l) => l.id));
          for (const [id, e] of expected) {
            if (e.centre === centre.name && e.radiusKm === radiusKm)
              expect(found.has(id), `${e.inside ? 'inside' : 'outside'} point`).toBe(e.inside);
          }
          for (const listing of listings) {
            const truth = geod.Inverse(centre.lat, centre.lon, listing.location.lat, listing.location.lon).s12!;
            expect(truth).toBeLessThanOrEqual(radiusKm * 1000);
            expect(Math.abs(listing.distanceM! - truth)).toBeLessThan(1);
          }
          const distances = listings.map((l) => l.distanceM!);
          expect(distances).toEqual([...distances].sort((a, b) => a - b));
        },
      );
    }
  }

  it('anywhere: every listing, nearest first', async () => {
    const { listings } = await findListingsNear(
      box.database.db,
      { centre: CENTRES[0]!, radiusM: null, q: '', kind: null, category: null, limit: 2000, offset: 0 },
      viewer,
      box.clock.now(),
    );
    expect(listings).toHaveLength(expected.size);
    const distances = listings.map((l) => l.distanceM!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('pages through results without gaps or repeats', async () => {
    const search = { centre: CENTRES[0]!, radiusM: 50_000, q: '', kind: null, category: null, limit: 20, offset: 0 };
    const all = await findListingsNear(box.database.db, { ...search, limit: 2000 }, viewer, box.clock.now());
    const paged: string[] = [];
    for (let offset = 0; ; offset += 20) {
      const page = await findListingsNear(box.database.db, { ...search, offset }, viewer, box.clock.now());
      paged.push(...page.listings.map((l) => l.id));
      if (!page.hasMore) break;
    }
    expect(paged).toEqual(all.listings.map((l) => l.id));
  });
});

describe('bounding box', () => {
  it('holds the whole circle, with a margin, at every bearing', () => {
    for (const centre of [...CENTRES, { name: 'north', lat: 70, lon: 20 }, { name: 'south', lat: -60, lon: -70 }]) {
      for (const radiusKm of [...RADII_KM, 500]) {
        const b = boundingBox(centre, radiusKm * 1000);
        for (let bearing = 0; bearing < 360; bearing += 5) {
          const p = geod.Direct(centre.lat, centre.lon, bearing, radiusKm * 1000);
          expect(p.lat2!).toBeGreaterThan(b.minLat);
          expect(p.lat2!).toBeLessThan(b.maxLat);
          expect(p.lon2!).toBeGreaterThan(b.minLon);
          expect(p.lon2!).toBeLessThan(b.maxLon);
        }
      }
    }
  });

  it('takes every longitude across the antimeridian or near a pole', () => {
    expect(boundingBox({ lat: 0, lon: 179.99 }, 10_000)).toMatchObject({ minLon: -180, maxLon: 180 });
    expect(boundingBox({ lat: 89.99, lon: 0 }, 10_000)).toMatchObject({ minLon: -180, maxLon: 180, maxLat: 90 });
  });
});
