import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsDirectory, listBackups } from '../../src/backup/backup-files.js';
import { checkBackupFile } from '../../src/backup/restore.js';
import { cli } from '../cli/cli-io.js';
import { buildReleaseSource, checkout } from '../provisioning/built-release.js';
import { freePort } from '../helpers/ports.js';
import { databaseContents } from '../helpers/database-contents.js';

/*
 * A box laid out as provision.sh lays it out (install/releases/<id>, install/current),
 * with releases made from this checkout's compiled app (node_modules is a link to the
 * checkout's, as building it again would take minutes). A "new version" is a copy of
 * the release with another version number and, as a real one would have, migrations
 * appended to its compiled list.
 */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-upgrade-'));
const build = path.join(root, 'build');
const install = path.join(root, 'opt/marketcross');
const data = path.join(root, 'data');
const databaseFile = path.join(data, 'marketcross.db');

/** A new version: a copy of `from` (by default the installed one, so it keeps every migration it has) with changes. */
function makeRelease(
  id: string,
  options: {
    version: string;
    migration?: { name: string; body: string };
    brokenServe?: boolean;
    under?: string;
    from?: string;
  },
): string {
  const dir = path.join(options.under ?? path.join(install, 'releases'), id);
  fs.cpSync(options.from ?? path.resolve(install, link('current')), dir, { recursive: true });
  if (!fs.existsSync(path.join(dir, 'node_modules')))
    fs.symlinkSync(path.join(checkout, 'node_modules'), path.join(dir, 'node_modules'));
  const packageFile = path.join(dir, 'package.json');
  fs.writeFileSync(
    packageFile,
    JSON.stringify({ ...JSON.parse(fs.readFileSync(packageFile, 'utf8')), version: options.version }, null, 2),
  );
  if (options.migration) {
    fs.appendFileSync(
      path.join(dir, 'dist/src/db/migrations/index.js'),
      `\nmigrations[${JSON.stringify(options.migration.name)}] = { async up(db) { ${options.migration.body} } };\n`,
    );
  }
  if (options.brokenServe) {
    // A release whose server dies at start (say, a file missing from it): everything else works.
    const main = path.join(dir, 'dist/src/main.js');
    const [shebang, ...rest] = fs.readFileSync(main, 'utf8').split('\n');
    fs.writeFileSync(
      main,
      [
        shebang,
        `if (process.argv[2] === 'serve') { console.error('this release cannot serve, on purpose'); process.exit(1); }`,
        ...rest,
      ].join('\n'),
    );
  }
  return dir;
}

const link = (name: 'current' | 'previous') => fs.readlinkSync(path.join(install, name));

const without = (tables: Record<string, string[]>, ...names: string[]) =>
  Object.fromEntries(Object.entries(tables).filter(([name]) => !names.includes(name)));

let first: string;
beforeAll(async () => {
  buildReleaseSource(build);
  first = makeRelease('0.1.0-aaaaaaaaaaaa', { version: '0.1.0', from: build });
  fs.symlinkSync('releases/0.1.0-aaaaaaaaaaaa', path.join(install, 'current'));
  expect((await cli(['demo', '--data-dir', data])).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('marketcross upgrade', () => {
  it('takes a verified backup, switches to the new version and runs its migrations', async () => {
    const release = makeRelease('0.1.1-bbbbbbbbbbbb', {
      version: '0.1.1',
      migration: {
        name: '2099-01-01T00-00-upgrade-probe',
        body:
          "await db.schema.createTable('upgrade_probe').addColumn('note', 'text').execute(); " +
          "await db.insertInto('upgrade_probe').values({ note: 'added by 0.1.1' }).execute();",
      },
    });
    const before = databaseContents(databaseFile);

    const run = await cli(['upgrade', release, '--data-dir', data]);
    expect(run.err).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    expect(run.out).toBe('Upgraded from Marketcross 0.1.0 to 0.1.1.');
    expect(run.err).toContain('migrated: 2099-01-01T00-00-upgrade-probe');

    expect(link('current')).toBe('releases/0.1.1-bbbbbbbbbbbb');
    expect(link('previous')).toBe('releases/0.1.0-aaaaaaaaaaaa');
    const after = databaseContents(databaseFile);
    expect(after.upgrade_probe).toEqual([JSON.stringify({ note: 'added by 0.1.1' })]);
    expect(after.kysely_migration).toContainEqual(expect.stringContaining('2099-01-01T00-00-upgrade-probe'));
    expect(without(after, 'upgrade_probe', 'kysely_migration')).toEqual(without(before, 'kysely_migration'));

    // The backup was taken before the switch, by the previous version, and holds the data as it was.
    const [backup] = listBackups(backupsDirectory(data));
    expect(run.err).toContain(`Backup taken and checked: ${backup!.path}`);
    const checked = checkBackupFile(backup!.path);
    expect(checked.version).toBe('0.1.0');
    expect(checked.counts.members).toBe(before.members!.length);
    expect(checked.counts).not.toHaveProperty('upgrade_probe');
  }, 60_000);

  it('leaves the box on the previous version, with its data intact, when a migration fails', async () => {
    const current = link('current');
    const release = makeRelease('0.1.2-cccccccccccc', {
      version: '0.1.2',
      migration: {
        name: '2099-01-02T00-00-broken',
        body:
          "await db.schema.createTable('half_done').addColumn('x', 'integer').execute(); " +
          "await db.deleteFrom('upgrade_probe').execute(); throw new Error('this migration is broken on purpose');",
      },
    });
    const before = databaseContents(databaseFile);

    const run = await cli(['upgrade', release, '--data-dir', data]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('The upgrade to Marketcross 0.1.2 failed while migrating the database:');
    expect(run.err).toContain('Migration "2099-01-02T00-00-broken" failed: this migration is broken on purpose.');
    expect(run.err).toMatch(
      new RegExp(
        /The box is back on Marketcross 0\.1\.1 \(0\.1\.1-bbbbbbbbbbbb\), /.source +
          /with its database restored from the backup taken just before \(.*marketcross-manual-\d{8}-\d{6}\.db\)\./
            .source,
      ),
    );
    expect(run.err).toContain('What to do: nothing is lost');

    expect(link('current')).toBe(current);
    expect(link('previous')).toBe('releases/0.1.0-aaaaaaaaaaaa');
    expect(databaseContents(databaseFile)).toEqual(before);
    // The restore kept the database it replaced, as it always does.
    expect(fs.readdirSync(path.join(data, 'replaced'))).toHaveLength(1);
  }, 60_000);

  it(
    'explains its mistakes: no release, a folder that is not one, ' +
      'one outside the releases folder, a bad service name',
    async () => {
      expect(await cli(['upgrade', '--data-dir', data])).toMatchObject({
        code: 2,
        err: expect.stringContaining('Name one release folder'),
      });
      expect(await cli(['upgrade', first, first, '--data-dir', data])).toMatchObject({ code: 2 });
      expect(await cli(['upgrade', first, '--service', 'marketcross; reboot', '--data-dir', data])).toMatchObject({
        code: 2,
        err: expect.stringContaining('--service takes a systemd service name'),
      });
      expect(await cli(['upgrade', build, '--data-dir', data])).toMatchObject({
        code: 1,
        err: expect.stringContaining('is not a complete Marketcross release (it has no node_modules)'),
      });
      const stray = makeRelease('0.9.0-ffffffffffff', {
        version: '0.9.0',
        under: path.join(root, 'elsewhere'),
        from: build,
      });
      expect(await cli(['upgrade', stray, '--data-dir', data])).toMatchObject({
        code: 1,
        err: expect.stringContaining('is not in the releases folder of an installed box'),
      });
      const already = await cli([
        'upgrade',
        path.join(install, 'releases', link('current').replace('releases/', '')),
        '--data-dir',
        data,
      ]);
      expect(already).toMatchObject({ code: 0, out: 'Marketcross 0.1.1 was already installed.' });
    },
  );

  describe('with the server running as a service', () => {
    // Stands in for systemd: runs the service as its unit does (node <install>/current/dist/src/main.js serve),
    // tracks the main process, stops it with SIGTERM. The inner shell waits for the server so it is reaped
    // when it exits (nothing else would reap it here), as systemd does on a box.
    const state = path.join(root, 'systemd');
    const bin = path.join(root, 'bin');
    let port = 0;
    const env = () => ({ PATH: `${bin}:${process.env.PATH}` });
    /** `marketcross upgrade` told to stop and start the service around the switch, and where it serves. */
    const upgradeAsService = (release: string) => {
      const where = ['--data-dir', data, '--host', '127.0.0.1', '--port', String(port)];
      return cli(['upgrade', release, '--service', 'marketcross', ...where], { env: env() });
    };
    const health = async () => {
      try {
        return ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { version: string }).version;
      } catch {
        return null;
      }
    };
    const systemctl = (...args: string[]) => spawnSync(path.join(bin, 'systemctl'), args, { encoding: 'utf8' });

    beforeAll(async () => {
      port = await freePort();
      fs.mkdirSync(state, { recursive: true });
      fs.mkdirSync(bin, { recursive: true });
      const serve =
        `cd ${install}/current && MARKETCROSS_P2P_LISTEN= exec ${process.execPath} ` +
        `${install}/current/dist/src/main.js serve --data-dir ${data} --host 127.0.0.1 --port ${port}`;
      fs.writeFileSync(
        path.join(bin, 'systemctl'),
        `#!/bin/sh
state=${state}
alive() {
  pid=$(cat "$state/main.pid" 2>/dev/null) && [ -e "/proc/$pid" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat")" != Z ]
}
case "$1" in
  is-active) alive ;;
  start) alive && exit 0; rm -f "$state/main.pid"
         nohup sh -c '${serve} >>"$0/service.log" 2>&1 & echo $! >"$0/main.pid"; wait' "$state" >/dev/null 2>&1 &
         while [ ! -s "$state/main.pid" ]; do sleep 0.05; done ;;
  stop) alive || exit 0; kill "$pid"; while alive; do sleep 0.05; done ;;
  *) echo "this test's systemctl does not know: $*" >&2; exit 1 ;;
esac
`,
        { mode: 0o755 },
      );
    });
    afterAll(() => {
      systemctl('stop', 'marketcross');
    });

    it('refuses while the server runs, ' +
      'unless it stops and starts the service itself; then the new version serves', async () => {
      expect(systemctl('start', 'marketcross').status).toBe(0);
      await expect.poll(health, { timeout: 20_000, interval: 200 }).toBe('0.1.1');
      const release = makeRelease('0.1.3-dddddddddddd', { version: '0.1.3' });

      const refused = await cli(['upgrade', release, '--data-dir', data], { env: env() });
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(
        new RegExp(
          /A Marketcross server \(process \d+\) is running on .*/.source +
            /Nothing was changed\. Stop it first .* --service marketcross\./.source,
        ),
      );
      expect(link('current')).toBe('releases/0.1.1-bbbbbbbbbbbb');

      const run = await upgradeAsService(release);
      expect(run.err).not.toMatch(/failed/);
      expect(run.code).toBe(0);
      expect(run.err).toContain('Stopping the service marketcross…');
      expect(run.err).toContain('Starting the service marketcross with Marketcross 0.1.3…');
      expect(link('current')).toBe('releases/0.1.3-dddddddddddd');
      expect(await health()).toBe('0.1.3');
    }, 90_000);

    it('goes back to the previous version, and starts it again, when the new one does not start', async () => {
      const release = makeRelease('0.1.4-eeeeeeeeeeee', { version: '0.1.4', brokenServe: true });
      const before = databaseContents(databaseFile);
      const run = await upgradeAsService(release);
      expect(run.code).toBe(1);
      expect(run.err).toContain('The upgrade to Marketcross 0.1.4 failed while starting the new version:');
      expect(run.err).toContain('the service marketcross stopped instead of serving');
      expect(run.err).toContain(
        'The box is back on Marketcross 0.1.3 (0.1.3-dddddddddddd), ' +
          'with its database restored from the backup taken just before',
      );
      expect(run.err).toContain('and its service is running again.');
      expect(link('current')).toBe('releases/0.1.3-dddddddddddd');
      expect(await health()).toBe('0.1.3');
      // The running server's jobs write as they please; the community's own data is as it was.
      expect(databaseContents(databaseFile).members).toEqual(before.members);
    }, 90_000);
  });

  it("as root, backs up, migrates and restores as the data directory's owner, " +
    'so the service can still write every file', async () => {
    if (process.getuid?.() !== 0) return; // only root can hand files to another user
    const owned = path.join(root, 'owned');
    expect((await cli(['demo', '--data-dir', owned])).code).toBe(0);
    // The service's user (here: nobody) owns the data; it must be able to reach the releases, as on a box.
    for (let dir = install; dir !== path.dirname(root); dir = path.dirname(dir)) fs.chmodSync(dir, 0o755);
    spawnSync('chown', ['-R', 'nobody:nogroup', owned]);
    const release = makeRelease('0.1.5-555555555555', {
      version: '0.1.5',
      migration: {
        name: '2099-01-03T00-00-owner-probe',
        body: "await db.schema.createTable('owner_probe').addColumn('x', 'integer').execute();",
      },
    });
    const run = await cli(['upgrade', release, '--data-dir', owned]);
    expect(run.err).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    const nobody = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    const [backup] = listBackups(backupsDirectory(owned));
    for (const file of [owned, path.join(owned, 'backups'), backup!.path, databaseFileIn(owned)])
      expect([file, fs.statSync(file).uid]).toEqual([file, nobody]);
    expect(databaseContents(databaseFileIn(owned))).toHaveProperty('owner_probe');
  }, 60_000);
});

const databaseFileIn = (dir: string) => path.join(dir, 'marketcross.db');
