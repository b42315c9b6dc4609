import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { loadConfig } from '../../src/config.js';
import { passwordMatches } from '../../src/auth/passwords.js';
import { cli, tempDataDir, type CliRun } from './cli-io.js';

describe('marketcross demo', () => {
  const data = tempDataDir();
  let first: CliRun;
  beforeAll(async () => {
    first = await cli(['demo', '--data-dir', data.dir]);
  });
  afterAll(() => data.remove());

  // How long it takes is measured by test/bench/demo.bench.ts, not asserted here: a test's time depends on the machine.
  it("fills an empty data directory and prints the steward's sign-in, saying it is a demo", () => {
    expect(first.err).not.toMatch(/error|failed/i);
    expect(first.code).toBe(0);
    expect(first.out).toContain('handle:   @maggie-hart');
    expect(first.out).toContain('email:    maggie@example.org');
    expect(first.out).toContain('password: diss-demo-2026');
    expect(first.out).toMatch(/demo/i);
  });

  it('holds a Diss community with places, ~30 members, two requests waiting, and a deep group tree', async () => {
    const database = openDatabase(loadConfig({}, { dataDir: data.dir }).databaseFile);
    try {
      const { db } = database;
      const community = await db.selectFrom('community').selectAll().executeTakeFirstOrThrow();
      expect(community).toMatchObject({ lat: 52.3765, lon: 1.1077, region: 'Waveney Valley', vouches_required: 2 });

      const places = await db.selectFrom('places').selectAll().execute();
      expect(places.length).toBeGreaterThanOrEqual(20);
      expect(places.map((p) => p.name)).toEqual(
        expect.arrayContaining(['Roydon', 'Palgrave', 'Scole', 'Eye', 'Harleston']),
      );
      for (const place of places) {
        // Everything within ~25 km of Diss.
        expect(Math.abs(place.lat - 52.3765)).toBeLessThan(0.15);
        expect(Math.abs(place.lon - 1.1077)).toBeLessThan(0.25);
      }

      const members = await db.selectFrom('members').selectAll().execute();
      expect(members.length).toBeGreaterThanOrEqual(28);
      expect(new Set(members.map((m) => m.kind))).toEqual(new Set(['person', 'business', 'organisation']));
      expect(members.filter((m) => m.role === 'steward')).toHaveLength(1);
      expect(members.every((m) => m.place_id !== null)).toBe(true);
      // Exact points are private and not the village centre.
      expect(members.filter((m) => places.some((p) => p.lat === m.lat && p.lon === m.lon))).toHaveLength(0);
      expect(new Set(members.map((m) => m.about_visibility)).size).toBeGreaterThan(1);
      expect(members.filter((m) => m.invited_by !== null).length).toBeGreaterThan(3);
      // One password hash shared by everyone: hashed once, so the demo is fast.
      expect(new Set(members.map((m) => m.password_hash)).size).toBe(1);
      expect(await passwordMatches(members[0]!.password_hash, 'diss-demo-2026')).toBe(true);

      const pending = members.filter((m) => m.status === 'pending');
      expect(pending).toHaveLength(2);
      const vouches = await db.selectFrom('vouches').selectAll().execute();
      for (const request of pending) expect(vouches.filter((v) => v.member_id === request.id)).toHaveLength(1);
      expect(new Set(vouches.map((v) => v.relation)).size).toBe(4);
      expect(await db.selectFrom('member_values').select('value').distinct().execute()).toEqual(
        expect.arrayContaining([
          { value: 'organic' },
          { value: 'repair' },
          { value: 'zero waste' },
          { value: 'local food' },
        ]),
      );

      const groups = await db.selectFrom('groups').selectAll().execute();
      const depth = (id: number | null): number =>
        id === null ? 0 : 1 + depth(groups.find((g) => g.id === id)!.parent_id);
      expect(Math.max(...groups.map((g) => depth(g.id)))).toBeGreaterThanOrEqual(4); // root + three levels
      expect(groups.some((g) => g.visibility === 'group')).toBe(true);
      expect(groups.some((g) => g.visibility === 'members')).toBe(true);
      expect(new Set(groups.map((g) => g.join_policy))).toEqual(new Set(['open', 'request', 'invite']));
      const memberships = await db.selectFrom('group_members').selectAll().execute();
      for (const group of groups.filter((g) => g.parent_id !== null)) {
        expect(memberships.some((m) => m.group_id === group.id && m.role === 'admin' && m.status === 'active')).toBe(
          true,
        );
      }
    } finally {
      await database.close();
    }
  });

  it(
    'refuses to touch a data directory that holds a community, ' + 'unless --if-empty, which leaves it quietly',
    async () => {
      const again = await cli(['demo', '--data-dir', data.dir]);
      expect(again.code).toBe(1);
      expect(again.err).toContain('already holds a community');
      const ifEmpty = await cli(['demo', '--if-empty', '--data-dir', data.dir]);
      expect(ifEmpty.code).toBe(0);
      expect(ifEmpty.out).toContain('already');
      expect((await cli(['members', 'list', '--json', '--data-dir', data.dir])).out).toBe(
        (await cli(['members', 'list', '--json', '--data-dir', data.dir])).out,
      );
    },
  );

  describe('members list', () => {
    it('prints an aligned table of handle, name, kind, status and roles', async () => {
      const run = await cli(['members', 'list', '--data-dir', data.dir]);
      expect(run.code).toBe(0);
      const lines = run.out.split('\n');
      expect(lines[0]).toMatch(/^HANDLE\s+NAME\s+KIND\s+STATUS\s+ROLES$/);
      expect(lines.length).toBeGreaterThanOrEqual(29);
      const columns = (line: string) =>
        ['NAME', 'KIND', 'STATUS', 'ROLES'].map((h) => lines[0]!.indexOf(h)).map((at) => line.slice(at - 2, at));
      for (const line of lines.slice(1)) expect(columns(line).every((gap) => gap.endsWith(' '))).toBe(true);
      expect(lines.find((l) => l.startsWith('maggie-hart '))).toMatch(/Maggie Hart\s+person\s+active\s+steward/);
      expect(lines.find((l) => l.startsWith('sue-lambert '))).toMatch(
        /active\s+member, admin of community-garden, admin of food/,
      );
    });

    it('prints JSON for scripts, filtered by status', async () => {
      const all = JSON.parse((await cli(['members', 'list', '--json', '--data-dir', data.dir])).out);
      expect(all.length).toBeGreaterThanOrEqual(28);
      expect(all[0]).toEqual({
        handle: expect.any(String),
        name: expect.any(String),
        kind: expect.any(String),
        status: expect.any(String),
        roles: expect.any(Array),
      });
      const pending = await cli(['members', 'list', '--json', '--status', 'pending', '--data-dir', data.dir]);
      expect(
        JSON.parse(pending.out)
          .map((m: { name: string }) => m.name)
          .sort(),
      ).toEqual(['Nina Foster', 'Oakley Orchard Cider']);
      const bad = await cli(['members', 'list', '--status', 'sleeping', '--data-dir', data.dir]);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--status must be one of: pending, active, declined, suspended.');
    });

    it('says what to check when the data directory holds no database', async () => {
      const empty = tempDataDir();
      try {
        const run = await cli(['members', 'list', '--data-dir', empty.dir]);
        expect(run.code).toBe(1);
        expect(run.err).toContain('There is no Marketcross database in');
      } finally {
        empty.remove();
      }
    });
  });
});
