import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open.js';
import { loadConfig } from '../../src/config.js';
import { DISS } from '../../src/demo/diss.data.js';
import { EYE } from '../../src/demo/eye.data.js';
import { HARLESTON } from '../../src/demo/harleston.data.js';
import { DEMO_REGION, type DemoTown } from '../../src/demo/town.js';
import { DEMO_TOWNS } from '../../src/demo/towns.js';
import { cli, tempDataDir, type CliRun } from '../cli/cli-io.js';

/** Geodesic-enough distance in metres (haversine), to check the data files without a database. */
function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

describe('the demo towns data', () => {
  it('puts every town in one region, each with its own community, steward, password and places', () => {
    expect(DEMO_TOWNS.map((t) => t.key)).toEqual(['diss', 'eye', 'harleston']);
    expect(new Set(DEMO_TOWNS.map((t) => t.community.region))).toEqual(new Set([DEMO_REGION]));
    expect(new Set(DEMO_TOWNS.map((t) => t.community.community_name)).size).toBe(3);
    expect(new Set(DEMO_TOWNS.map((t) => t.password)).size).toBe(3);
    // The real towns: Eye in Suffolk, Harleston in Norfolk.
    expect(EYE.community).toMatchObject({ lat: 52.3206, lon: 1.1477 });
    expect(HARLESTON.community).toMatchObject({ lat: 52.4033, lon: 1.2994 });
  });

  it.each([EYE, HARLESTON])(
    '$name: a dozen or so real places nearby, ~10 members who live in them, groups whose people exist',
    (town: DemoTown) => {
      expect(town.places.length).toBeGreaterThanOrEqual(12);
      for (const place of town.places) expect(metres(place, town.community), place.name).toBeLessThan(10_000);
      expect(town.places.map((p) => p.name)).toContain(town.name);
      const names = new Set([town.steward.name, ...town.members.map((m) => m.name)]);
      expect(town.members.length).toBeGreaterThanOrEqual(9);
      for (const member of town.members)
        expect(
          town.places.map((p) => p.name),
          member.name,
        ).toContain(member.place);
      for (const group of town.groups)
        for (const name of [...group.admins, ...group.members]) expect(names, `${group.slug}: ${name}`).toContain(name);
      for (const kind of Object.values(town.listings.ideas))
        expect(kind.offer.length * kind.want.length).toBeGreaterThan(0);
    },
  );
});

describe.each([
  { town: EYE, hours: 'EHR' },
  { town: HARLESTON, hours: 'HHR' },
])('marketcross demo --town $town.key', ({ town, hours }) => {
  const data = tempDataDir();
  let run: CliRun;
  beforeAll(async () => {
    run = await cli(['demo', '--town', town.name, '--data-dir', data.dir]); // any case: "Eye" as well as "eye"
  });
  afterAll(() => data.remove());

  it("creates the town's community at its real location and prints its steward's sign-in", () => {
    expect(run.err).not.toMatch(/error|failed/i);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Created the DEMO community ${town.community.community_name}`);
    expect(run.out).toContain(`email:    ${town.steward.contact}`);
    expect(run.out).toContain(`password: ${town.password}`);
  });

  it('holds members, groups and its own currency, at the town’s real location', async () => {
    await reading(data.dir, async (db) => {
      expect(
        await db.selectFrom('community').select(['name', 'region', 'lat', 'lon']).executeTakeFirstOrThrow(),
      ).toEqual({
        name: town.community.community_name,
        region: DISS.community.region,
        lat: town.community.lat,
        lon: town.community.lon,
      });
      const members = await db.selectFrom('members').select(['status', 'role']).execute();
      expect(members.filter((m) => m.status === 'active').length).toBeGreaterThanOrEqual(9);
      expect(members.filter((m) => m.role === 'steward')).toHaveLength(1);
      expect(members.some((m) => m.status === 'pending')).toBe(true);
      expect((await db.selectFrom('groups').select('id').execute()).length).toBeGreaterThanOrEqual(4);
      expect((await db.selectFrom('currencies').select('code').execute()).map((c) => c.code)).toContain(hours);
      expect(
        (await db.selectFrom('transfers').select('id').where('state', '=', 'completed').execute()).length,
      ).toBeGreaterThan(20);
    });
  });

  it('holds 40–60 listings within 10 km of the town, a good share of them regional', async () => {
    const { lon, lat } = town.community;
    const s = await reading(data.dir, async (db) => {
      const { rows } = await sql<{
        n: number;
        regional: number;
        shared_now: number;
        public: number;
        far: number;
        nearest_town: number;
      }>`
        SELECT COUNT(*) AS n, SUM(regional) AS regional,
          SUM(regional = 1 AND visibility <> 'group' AND withdrawn_at IS NULL AND done_at IS NULL
            AND promised_to IS NULL AND expires_at > ${new Date().toISOString()}) AS shared_now,
          SUM(visibility = 'public') AS public,
          SUM(ST_Distance(public_point, MakePoint(${lon}, ${lat}, 4326), 1) > 10000) AS far,
          SUM(town IS NOT NULL) AS nearest_town
        FROM listings`.execute(db);
      return rows[0]!;
    });
    expect(s.n).toBeGreaterThanOrEqual(40);
    expect(s.n).toBeLessThanOrEqual(60);
    expect(s.far).toBe(0);
    expect(s.regional / s.n).toBeGreaterThan(0.3);
    expect(s.shared_now).toBeGreaterThanOrEqual(10); // live ones a sibling box would receive
    expect(s.public).toBeGreaterThan(0);
    expect(s.nearest_town).toBe(s.n); // each listing is near one of the town's places
  });

  it('with --if-empty leaves the filled directory as it is; without, refuses it', async () => {
    const again = await cli(['demo', '--town', town.key, '--if-empty', '--data-dir', data.dir]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`The demo community ${town.community.community_name} is already in`);
    expect(again.out).toContain(town.password);
    const refused = await cli(['demo', '--town', town.key, '--data-dir', data.dir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('already holds a community');
  });
});

describe('marketcross demo: wrong usage', () => {
  it('names the demo towns when --town is not one of them (exit 2), and touches nothing', async () => {
    const data = tempDataDir();
    try {
      const run = await cli(['demo', '--town', 'Norwich', '--data-dir', data.dir]);
      expect(run.code).toBe(2);
      expect(run.err).toContain('There is no demo town "Norwich": choose one of diss, eye, harleston.');
      expect(run.err).toContain('marketcross demo --help');
      const empty = await cli(['demo', '--town', '', '--data-dir', data.dir]);
      expect(empty.code).toBe(2);
    } finally {
      data.remove();
    }
  });

  it('refuses --town with --region, and --p2p-port without it', async () => {
    const both = await cli(['demo', '--region', '--town', 'eye']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--region runs all three demo towns');
    const stray = await cli(['demo', '--p2p-port', '4001']);
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('--p2p-port goes with --region');
  });

  it('explains the towns and the region in --help', async () => {
    const help = await cli(['demo', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--town TOWN');
    expect(help.out).toContain('diss, eye, harleston');
    expect(help.out).toContain('--region');
  });
});

/** Reads a demo's database, closing it again whatever happens. */
async function reading<T>(dataDir: string, read: (db: DB) => Promise<T>): Promise<T> {
  const database = openDatabase(loadConfig({}, { dataDir }).databaseFile);
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}
