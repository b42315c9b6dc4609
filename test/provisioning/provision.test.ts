import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBaseSystem, verifyUnitInTree } from '../appliance/tree.js';
import { buildReleaseSource, checkout, NODE_NAME, packNodeTarball } from './built-release.js';

/*
 * provision.sh in staging mode (--target-root): it writes a whole box into an image
 * tree, here a temporary folder given the systemd units a Debian system has. Node.js
 * comes from a tarball made of the Node.js running this test (no internet here), and
 * the npm packages are copied from the checkout's node_modules (npm ci would compile
 * better-sqlite3 for minutes). What the script does on a machine (starting the
 * service, upgrading through "marketcross upgrade") is in host.test.ts; what no test
 * here exercises: the download of Node.js, npm ci, apt-get.
 */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-provision-'));
const source = path.join(root, 'source');
const tree = path.join(root, 'tree');
const nodeTarball = path.join(root, `${NODE_NAME}.tar`);

/** Runs provision.sh; `as` is a numeric uid (and gid) to run it as instead of root. */
function provision(args: string[], options: { as?: number; script?: string } = {}) {
  const script = options.script ?? path.join(source, 'provisioning/provision.sh');
  const command = options.as
    ? ['setpriv', `--reuid=${options.as}`, `--regid=${options.as}`, '--clear-groups', 'bash', script, ...args]
    : ['bash', script, ...args];
  const run = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}
const stage = (...extra: string[]) =>
  provision([
    '--target-root',
    tree,
    '--node-tarball',
    nodeTarball,
    '--node-modules-from',
    path.join(checkout, 'node_modules'),
    ...extra,
  ]);

/**
 * Every path under `dir` with its type, mode, owner and content (or link target): two equal snapshots mean nothing
 * changed.
 */
function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (relative: string) => {
    const full = path.join(dir, relative);
    const stat = fs.lstatSync(full);
    const head = `${(stat.mode & 0o170000).toString(8)} ${(stat.mode & 0o7777).toString(8)} ${stat.uid}:${stat.gid}`;
    if (stat.isSymbolicLink()) entries.set(relative, `${head} -> ${fs.readlinkSync(full)}`);
    else if (stat.isFile())
      entries.set(relative, `${head} ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`);
    else entries.set(relative, head);
    if (stat.isDirectory()) for (const name of fs.readdirSync(full).sort()) visit(path.join(relative, name));
  };
  visit('.');
  return entries;
}

/** What provision.sh must leave alone on this machine when it builds a tree. */
function hostState(): string {
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort().join(',') : '(none)');
  const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  return JSON.stringify({
    passwd: hash('/etc/passwd'),
    group: hash('/etc/group'),
    units: list('/etc/systemd/system'),
    wants: list('/etc/systemd/system/multi-user.target.wants'),
    opt: list('/opt'),
    bin: list('/usr/local/bin'),
    varLib: list('/var/lib'),
    etc: list('/etc'),
    root: list('/root'),
  });
}

const stat = (relative: string) => fs.lstatSync(path.join(tree, relative));
const modeOf = (relative: string) => stat(relative).mode & 0o7777;
const link = (relative: string) => fs.readlinkSync(path.join(tree, relative));

/** The tree's own user (made by systemd-sysusers in the tree, not on this machine). */
function treeUser(name: string): { uid: number; gid: number; home: string; shell: string } | null {
  const line = fs
    .readFileSync(path.join(tree, 'etc/passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid, , home, shell] = line.split(':');
  return { uid: Number(uid), gid: Number(gid), home: home!, shell: shell! };
}

function setVersion(version: string): void {
  const file = path.join(source, 'package.json');
  fs.writeFileSync(file, `${JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), version }, null, 2)}\n`);
}

beforeAll(() => {
  buildReleaseSource(source);
  packNodeTarball(path.join(root, 'node'), nodeTarball);
  fs.mkdirSync(tree);
  seedBaseSystem(tree);
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('provision.sh --target-root', () => {
  let release: string;

  it('writes a whole box into the tree, with the right modes and owners, and leaves this machine alone', () => {
    const host = hostState();
    const run = stage();
    expect(run.err).not.toContain('provision.sh:');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Writing a Marketcross box into the tree at ${tree}`);
    expect(hostState()).toEqual(host);

    // The app: a release folder named by version and fingerprint, and the links the service follows.
    release = link('opt/marketcross/current');
    expect(release).toMatch(/^releases\/0\.1\.0-[0-9a-f]{12}$/);
    expect(link('opt/marketcross/node')).toBe(NODE_NAME);
    expect(modeOf(`opt/marketcross/${NODE_NAME}/bin/node`)).toBe(0o755);
    const app = `opt/marketcross/${release}`;
    for (const part of [
      'dist/src/main.js',
      'views/layout.eta',
      'package.json',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'appliance/bin/marketcross',
    ]) {
      expect(fs.existsSync(path.join(tree, app, part)), part).toBe(true);
    }
    for (const devOnly of ['node_modules/vitest', 'node_modules/typescript', 'node_modules/playwright-core', 'src'])
      expect(fs.existsSync(path.join(tree, app, devOnly)), devOnly).toBe(false);
    const writable: string[] = [];
    for (const [entry, description] of snapshot(path.join(tree, 'opt/marketcross'))) {
      const [type, mode, owner] = description.split(' ');
      if (type !== '120000' && (parseInt(mode!, 8) & 0o022) !== 0) writable.push(entry);
      if (owner !== '0:0') writable.push(`${entry} (owner ${owner})`);
    }
    expect(writable).toEqual([]); // the service's user reads the app, never changes it

    // The system's files, from the release's appliance folder.
    const files: [string, number, string][] = [
      ['etc/systemd/system/marketcross.service', 0o644, 'appliance/systemd/marketcross.service'],
      ['usr/lib/sysusers.d/marketcross.conf', 0o644, 'appliance/systemd/marketcross.sysusers'],
      ['usr/lib/tmpfiles.d/marketcross.conf', 0o644, 'appliance/systemd/marketcross.tmpfiles'],
      ['etc/marketcross/marketcross.env', 0o644, 'appliance/systemd/marketcross.env'],
      ['etc/avahi/services/marketcross.service', 0o644, 'appliance/avahi/marketcross.service'],
      ['etc/systemd/journald.conf.d/marketcross.conf', 0o644, 'appliance/journald/marketcross.conf'],
      ['usr/local/bin/marketcross', 0o755, 'appliance/bin/marketcross'],
    ];
    for (const [file, mode, from] of files) {
      expect([file, modeOf(file), stat(file).uid, stat(file).gid]).toEqual([file, mode, 0, 0]);
      expect(fs.readFileSync(path.join(tree, file), 'utf8')).toBe(fs.readFileSync(path.join(checkout, from), 'utf8'));
    }
    expect(link('etc/systemd/system/multi-user.target.wants/marketcross.service')).toBe(
      '/etc/systemd/system/marketcross.service',
    );

    // The user and the data folder, as configured: the tree's own user, not one of this machine's; the folder is the
    // user's alone (0700): it holds the database and the backups, and those hold the peer key.
    const user = treeUser('marketcross');
    expect(user).toMatchObject({ home: '/var/lib/marketcross', shell: '/usr/sbin/nologin' });
    expect(user!.uid).toBeGreaterThan(0);
    const data = stat('var/lib/marketcross');
    expect([data.isDirectory(), modeOf('var/lib/marketcross'), data.uid, data.gid]).toEqual([
      true,
      0o700,
      user!.uid,
      user!.gid,
    ]);
    expect(fs.readdirSync(path.join(tree, 'var/lib/marketcross'))).toEqual([]);

    // The tree holds no community: nothing an image must not carry (a database, a setup code, a key).
    expect(run.out).toContain('sudo marketcross address');
  }, 180_000); // the first run copies and builds the whole app: over a minute on two busy cores

  it('holds units that pass systemd-analyze verify, and an app that runs from the tree', () => {
    expect(verifyUnitInTree(tree, 'etc/systemd/system/marketcross.service')).toEqual({ status: 0, output: '' });
    const data = path.join(root, 'trial-data');
    const run = spawnSync(
      path.join(tree, 'opt/marketcross/node/bin/node'),
      [path.join(tree, 'opt/marketcross/current/dist/src/main.js'), 'address', '--data-dir', data],
      { encoding: 'utf8' },
    );
    expect(run.stderr).not.toMatch(/Error|failed/);
    expect(run.status).toBe(0);
    // SpatiaLite and better-sqlite3 (a native module) loaded: the database and its setup code exist.
    expect(run.stdout).toMatch(/enter the one-time setup code:\n {2}[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/);
  });

  it('changes nothing when run again: every path, mode, owner and content is the same', () => {
    const before = snapshot(tree);
    const run = stage();
    expect(run.code).toBe(0);
    expect(run.out).toContain('Nothing to change: the box was already set up with Marketcross 0.1.0');
    const after = snapshot(tree);
    expect(after.size).toBe(before.size);
    expect([...after].filter(([entry, description]) => before.get(entry) !== description)).toEqual([]);
  });

  it('upgrades to a new version side by side, keeping the one before it and no older', () => {
    setVersion('0.1.1');
    const second = stage();
    expect(second.code).toBe(0);
    const next = link('opt/marketcross/current');
    expect(next).toMatch(/^releases\/0\.1\.1-[0-9a-f]{12}$/);
    expect(link('opt/marketcross/previous')).toBe(release);
    expect(second.out).toContain(`/opt/marketcross/current -> ${next}`);

    setVersion('0.1.2');
    expect(stage().code).toBe(0);
    expect(link('opt/marketcross/previous')).toBe(next);
    expect(
      fs
        .readdirSync(path.join(tree, 'opt/marketcross/releases'))
        .map((r) => `releases/${r}`)
        .sort(),
    ).toEqual([next, link('opt/marketcross/current')].sort());
  }, 60_000);

  it("will not switch a tree that holds a community's database: that is upgraded on the box, backed up first", () => {
    const current = link('opt/marketcross/current');
    const database = path.join(tree, 'var/lib/marketcross/marketcross.db');
    fs.writeFileSync(database, '');
    try {
      setVersion('0.1.3');
      const run = stage();
      expect(run.code).toBe(1);
      expect(run.err).toContain(
        "holds a community's database (/var/lib/marketcross/marketcross.db): upgrade it on the box itself",
      );
      expect(link('opt/marketcross/current')).toBe(current);
    } finally {
      fs.rmSync(database);
    }
  }, 60_000);

  it('refuses a Node.js or npm packages built for another kind of machine', () => {
    // An "arm64" Node.js: only its ELF header says so, which is all the script can check without running it.
    const other =
      process.arch === 'arm64'
        ? { node: 'x64', dpkg: 'amd64', machine: 62 }
        : { node: 'arm64', dpkg: 'arm64', machine: 183 };
    const fake = path.join(root, 'fake-node', `node-v20.20.2-linux-${other.node}`);
    fs.mkdirSync(path.join(fake, 'bin'), { recursive: true });
    const header = Buffer.alloc(64);
    header.write('\x7fELF', 0, 'latin1');
    header.writeUInt16LE(other.machine, 18);
    fs.writeFileSync(path.join(fake, 'bin/node'), header, { mode: 0o755 });
    const tarball = path.join(root, `node-v20.20.2-linux-${other.node}.tar`);
    expect(spawnSync('tar', ['-cf', tarball, '-C', path.dirname(fake), path.basename(fake)]).status).toBe(0);
    const otherTree = fs.mkdtempSync(path.join(root, 'other-'));

    const mismatch = provision(['--target-root', otherTree, '--node-tarball', tarball]);
    expect(mismatch).toMatchObject({
      code: 1,
      err: expect.stringContaining(`is for ${other.node} machines; this box is ${process.arch}`),
    });
    const packages = provision([
      '--target-root',
      otherTree,
      '--arch',
      other.dpkg,
      '--node-tarball',
      tarball,
      '--node-modules-from',
      path.join(checkout, 'node_modules'),
    ]);
    expect(packages.code).toBe(1);
    expect(packages.err).toMatch(/node_modules\/.*\.node is built for another kind of machine than (arm64|amd64)/);
    expect(fs.existsSync(path.join(otherTree, 'opt/marketcross/current'))).toBe(false);
  }, 60_000);

  it("gives the box a marketcross command that runs the installed version as the service's user", () => {
    // In a private mount namespace (gone when the command ends; this machine's files are untouched), the tree's
    // /opt, /usr/local/bin and /var/lib, and a copy of /etc with the tree's user and settings, stand where a box has
    // them.
    const probe = spawnSync('unshare', ['-m', 'true']);
    if (probe.status !== 0)
      return expect.soft(probe.status, 'unshare -m is not allowed here: the wrapper was not run').toBe(0);
    const etc = path.join(root, 'etc');
    fs.cpSync('/etc', etc, { recursive: true, verbatimSymlinks: true });
    for (const file of ['passwd', 'group']) {
      const lines = fs
        .readFileSync(path.join(tree, 'etc', file), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('marketcross:'));
      fs.appendFileSync(path.join(etc, file), `${lines.join('\n')}\n`);
    }
    fs.cpSync(path.join(tree, 'etc/marketcross'), path.join(etc, 'marketcross'), { recursive: true });
    const onTheBox = (...command: string[]) => {
      const mounts = [
        ['opt', '/opt'],
        ['usr/local/bin', '/usr/local/bin'],
        ['var/lib', '/var/lib'],
      ].map(([from, to]) => `mount --bind ${path.join(tree, from!)} ${to}`);
      const script = [...mounts, `mount --bind ${etc} /etc`, `exec ${command.join(' ')}`].join(' && ');
      const run = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8', cwd: '/' });
      return { code: run.status, out: run.stdout, err: run.stderr };
    };
    const database = path.join(tree, 'var/lib/marketcross/marketcross.db');
    try {
      const address = onTheBox('/usr/local/bin/marketcross', 'address');
      expect(address.err).not.toMatch(/Error|failed/);
      expect(address.code).toBe(0);
      expect(address.out).toMatch(/enter the one-time setup code:\n {2}[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/);
      // Run by root, it made the database as the service's user: the service can write it.
      expect(fs.statSync(database).uid).toBe(treeUser('marketcross')!.uid);
      const someoneElse = onTheBox(
        'setpriv',
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        '/usr/local/bin/marketcross',
        'doctor',
      );
      expect(someoneElse).toMatchObject({ code: 1, err: expect.stringContaining('Run it with sudo') });
      expect(
        onTheBox(
          'setpriv',
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          '/usr/local/bin/marketcross',
          'upgrade',
        ),
      ).toMatchObject({ code: 1, err: expect.stringContaining('run it with sudo') });
    } finally {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(database + suffix, { force: true });
    }
  });

  it('explains its mistakes: exit code 2 for wrong usage, 1 for what cannot be done', () => {
    expect(provision(['--frobnicate'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown option: --frobnicate'),
    });
    expect(provision(['--target-root'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--target-root needs a value.'),
    });
    expect(provision(['--target-root', path.join(root, 'nowhere')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('there is no folder'),
    });
    expect(provision(['--target-root', tree, '--arch', 'armhf'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Marketcross needs a 64-bit system'),
    });
    const misnamed = path.join(root, 'node.tar');
    fs.writeFileSync(misnamed, '');
    expect(provision(['--target-root', tree, '--node-tarball', misnamed])).toMatchObject({
      code: 1,
      err: expect.stringContaining('is not named like a Node.js tarball'),
    });
    expect(provision(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage: sudo') });
    // Not as root: the checkout's own script (this test's folders are root's alone).
    expect(
      provision(['--target-root', tree], { as: 65534, script: path.join(checkout, 'provisioning/provision.sh') }),
    ).toMatchObject({ code: 1, err: expect.stringContaining('Run it as root: sudo') });
  });
});
