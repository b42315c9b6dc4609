import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReleaseSource, checkout, NODE_NAME, packNodeTarball } from './built-release.js';
import { freePort } from '../helpers/ports.js';

/*
 * provision.sh on a machine (no --target-root): first install, a second run, an
 * upgrade, and a failed upgrade. It must not change this machine, so it runs in a
 * private mount namespace (gone when the run ends) where temporary folders stand in
 * for /opt, /etc (a copy of this machine's), /usr/local/bin, /usr/lib/sysusers.d and
 * tmpfiles.d, /var/lib (with this machine's package list, read-only) and /run. There
 * is no systemd here: a stand-in `systemctl` runs the service as its unit does (its
 * user, its settings file, /opt/marketcross/node and current) and notes every call.
 * Node.js comes from a tarball of the one running the tests, the npm packages from the
 * checkout, so nothing is downloaded; every Debian package the script wants is
 * already installed here, so apt-get is never called (a stand-in refuses if it is).
 */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-host-'));
const source = path.join(root, 'source');
const machine = path.join(root, 'machine');
const state = path.join(root, 'systemd');
const bin = path.join(root, 'bin');
const nodeTarball = path.join(root, `${NODE_NAME}.tar`);
const on = (relative: string) => path.join(machine, relative);
let port = 0;

const unshareWorks = spawnSync('unshare', ['-m', 'true']).status === 0;

/** Runs provision.sh as if on the machine (see above). */
function provisionOnTheMachine() {
  const binds = [
    // The package list, read-only, inside the stand-in /var/lib.
    `mount --bind /var/lib/dpkg ${on('var/lib/dpkg')}`,
    `mount -o remount,bind,ro ${on('var/lib/dpkg')}`,
    `mount --rbind ${on('var/lib')} /var/lib`,
    ...['opt', 'etc', 'usr/local/bin', 'usr/lib/sysusers.d', 'usr/lib/tmpfiles.d', 'run'].map(
      (dir) => `mount --bind ${on(dir)} /${dir}`,
    ),
  ];
  const script = [
    ...binds,
    `exec bash ${path.join(source, 'provisioning/provision.sh')} --node-tarball ${nodeTarball} ` +
      `--node-modules-from ${path.join(checkout, 'node_modules')}`,
  ].join(' && ');
  const run = spawnSync('unshare', ['-m', 'sh', '-c', script], {
    encoding: 'utf8',
    cwd: '/',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, npm_config_cache: path.join(root, 'npm-cache') },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const systemctl = (...args: string[]) => spawnSync(path.join(bin, 'systemctl'), args, { encoding: 'utf8' });
const calls = () => fs.readFileSync(path.join(state, 'calls'), 'utf8').trim().split('\n');
const servicePid = () => fs.readFileSync(path.join(state, 'main.pid'), 'utf8').trim();
const link = (relative: string) => fs.readlinkSync(on(relative));
async function health(): Promise<string | null> {
  try {
    return ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { version: string }).version;
  } catch {
    return null;
  }
}
const machineUser = () =>
  Number(
    fs
      .readFileSync(on('etc/passwd'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('marketcross:'))!
      .split(':')[2],
  );

function setVersion(version: string, migration?: { name: string; body: string }): void {
  const file = path.join(source, 'package.json');
  fs.writeFileSync(file, `${JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), version }, null, 2)}\n`);
  if (migration)
    fs.appendFileSync(
      path.join(source, 'dist/src/db/migrations/index.js'),
      `\nmigrations[${JSON.stringify(migration.name)}] = { async up(db) { ${migration.body} } };\n`,
    );
}

describe.skipIf(!unshareWorks)('provision.sh on a machine (in a private mount namespace)', () => {
  beforeAll(async () => {
    fs.chmodSync(root, 0o755); // the service's user reads the app and the script's folder
    buildReleaseSource(source);
    packNodeTarball(path.join(root, 'node'), nodeTarball);

    for (const dir of ['opt', 'usr/local/bin', 'var/lib/dpkg', 'run/systemd/system'])
      fs.mkdirSync(on(dir), { recursive: true, mode: 0o755 });
    fs.cpSync('/etc', on('etc'), { recursive: true, verbatimSymlinks: true });
    for (const dir of ['sysusers.d', 'tmpfiles.d'])
      fs.cpSync(`/usr/lib/${dir}`, on(`usr/lib/${dir}`), { recursive: true });
    // The settings a volunteer may have chosen (the script keeps them): a free port, loopback, and no sibling boxes.
    port = await freePort();
    fs.mkdirSync(on('etc/marketcross'), { recursive: true });
    fs.writeFileSync(
      on('etc/marketcross/marketcross.env'),
      `MARKETCROSS_DATA_DIR=/var/lib/marketcross\nMARKETCROSS_HOST=127.0.0.1\n` +
        `MARKETCROSS_PORT=${port}\nMARKETCROSS_P2P_LISTEN=\n`,
    );

    fs.mkdirSync(state, { recursive: true });
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(
      path.join(bin, 'systemctl'),
      `#!/bin/sh
state=${state}
echo "$*" >>"$state/calls"
verb=$1; shift
unit=; for a in "$@"; do case "$a" in --*) ;; *) unit=\${a%.service} ;; esac; done
[ "$unit" = marketcross ] || exit 0   # avahi-daemon, systemd-journald, daemon-reload: noted only
alive() {
  pid=$(cat "$state/main.pid" 2>/dev/null) && [ -e "/proc/$pid" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat")" != Z ]
}
start() {
  alive && return 0
  rm -f "$state/main.pid"
  # As the unit: its user, its EnvironmentFile, its WorkingDirectory and ExecStart. The inner shell reaps the server.
  nohup sh -c 'cd /opt/marketcross/current && set -a && . /etc/marketcross/marketcross.env && set +a &&
    setpriv --reuid=marketcross --regid=marketcross --init-groups /opt/marketcross/node/bin/node \\
      /opt/marketcross/current/dist/src/main.js serve >>"$0/service.log" 2>&1 & echo $! >"$0/main.pid"; wait' \\
    "$state" >/dev/null 2>&1 &
  while [ ! -s "$state/main.pid" ]; do sleep 0.05; done
}
stop() { alive || return 0; kill "$pid"; while alive; do sleep 0.05; done; }
case "$verb" in
  is-active) alive ;;
  is-enabled) [ -e "$state/enabled" ] ;;
  enable) touch "$state/enabled" ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  try-restart) if alive; then stop; start; fi ;;
  *) echo "the test's systemctl does not know: $verb $*" >&2; exit 1 ;;
esac
`,
      { mode: 0o755 },
    );
    fs.writeFileSync(
      path.join(bin, 'apt-get'),
      '#!/bin/sh\necho "the test\'s apt-get: the script wanted to install packages: $*" >&2\nexit 1\n',
      { mode: 0o755 },
    );
  }, 120_000);
  afterAll(() => {
    systemctl('stop', 'marketcross');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('installs the box, starts it, and prints its address and the setup code', async () => {
    const run = provisionOnTheMachine();
    expect(run.err).not.toContain('provision.sh:');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Debian packages: all there.');
    expect(run.out).toContain('Starting the service marketcross');
    expect(run.out).toMatch(/enter the one-time setup code:\n {2}[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    expect(await health()).toBe('0.1.0');
    expect(calls()).toEqual(
      expect.arrayContaining([
        'daemon-reload',
        'enable --quiet marketcross',
        'restart systemd-journald',
        'start marketcross',
      ]),
    );
    // The database was made by the service's user, before the service started, and the service runs as that user.
    const user = machineUser();
    expect(fs.statSync(on('var/lib/marketcross/marketcross.db')).uid).toBe(user);
    expect(fs.statSync(`/proc/${servicePid()}`).uid).toBe(user);
    expect(fs.readFileSync(on('etc/systemd/system/marketcross.service'), 'utf8')).toBe(
      fs.readFileSync(path.join(checkout, 'appliance/systemd/marketcross.service'), 'utf8'),
    );
    // The volunteer's settings were kept.
    expect(fs.readFileSync(on('etc/marketcross/marketcross.env'), 'utf8')).toContain(`MARKETCROSS_PORT=${port}`);
  }, 120_000);

  it('changes nothing when run again, and leaves the service running', () => {
    const pid = servicePid();
    const before = calls().length;
    const run = provisionOnTheMachine();
    expect(run.code).toBe(0);
    expect(run.out).toContain('Nothing to change: the box was already set up with Marketcross 0.1.0');
    expect(servicePid()).toBe(pid);
    expect(
      calls()
        .slice(before)
        .filter((c) => /^(start|stop|restart|daemon-reload|enable)/.test(c)),
    ).toEqual([]);
  }, 60_000);

  it('upgrades to a new version through marketcross upgrade: backup, switch, migration, restart', async () => {
    const previous = link('opt/marketcross/current');
    setVersion('0.1.1', {
      name: '2099-02-01T00-00-host-probe',
      body: "await db.schema.createTable('host_probe').addColumn('x', 'integer').execute();",
    });
    const run = provisionOnTheMachine();
    expect(run.err).not.toContain('provision.sh:');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Upgrading from 0\.1\.0-[0-9a-f]{12} to 0\.1\.1-[0-9a-f]{12}/);
    expect(run.err).toContain('Stopping the service marketcross…');
    expect(run.err).toContain('migrated: 2099-02-01T00-00-host-probe');
    expect(await health()).toBe('0.1.1');
    expect(link('opt/marketcross/previous')).toBe(previous);
    const db = new BetterSqlite3(on('var/lib/marketcross/marketcross.db'), { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'host_probe'").pluck().get()).toBe('host_probe');
    db.close();
    // The backup and the migrated database still belong to the service's user.
    const backups = fs.readdirSync(on('var/lib/marketcross/backups'));
    expect(backups.length).toBeGreaterThan(0);
    for (const file of backups) expect(fs.statSync(on(`var/lib/marketcross/backups/${file}`)).uid).toBe(machineUser());
  }, 120_000);

  it('when the upgrade fails, leaves the box on its version, ' +
    "with that version's system files, and exits 1", async () => {
    const current = link('opt/marketcross/current');
    const unit = fs.readFileSync(on('etc/systemd/system/marketcross.service'), 'utf8');
    fs.appendFileSync(path.join(source, 'appliance/systemd/marketcross.service'), '# a change that comes with 0.1.2\n');
    setVersion('0.1.2', {
      name: '2099-02-02T00-00-broken',
      body: "throw new Error('this migration is broken on purpose');",
    });
    const run = provisionOnTheMachine();
    expect(run.code).toBe(1);
    expect(run.err).toContain('The upgrade to Marketcross 0.1.2 failed while migrating the database:');
    expect(run.err).toContain(
      'The upgrade did not happen (see above for what was done, and what to do). The box is on the version it had.',
    );
    expect(link('opt/marketcross/current')).toBe(current);
    expect(fs.readFileSync(on('etc/systemd/system/marketcross.service'), 'utf8')).toBe(unit);
    expect(await health()).toBe('0.1.1');
  }, 120_000);
});
