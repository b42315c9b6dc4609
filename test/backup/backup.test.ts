import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, createBackup, USB_MARKER } from '../../src/backup/backup.js';
import { nightlyBackupJob } from '../../src/backup/backup.job.js';
import { testScheduler } from '../helpers/scheduler.js';
import {
  type BackupKind,
  backupName,
  backupsDirectory,
  backupsToKeep,
  listBackups,
} from '../../src/backup/backup-files.js';
import { checkBackupFile, restoreBackup } from '../../src/backup/restore.js';
import { openDatabase } from '../../src/db/open.js';
import { seedDemo } from '../../src/demo/seed.js';
import { addActiveMember, startTestBox, type TestBox } from '../helpers/box.js';
import { loadOrCreateIdentity, PEER_KEY_FILE } from '../../sync/identity.js';
import { databaseContents } from '../helpers/database-contents.js';

const boxes: TestBox[] = [];
afterEach(async () => {
  for (const box of boxes.splice(0)) await box.close().catch(() => {});
});

async function demoBox(): Promise<TestBox> {
  const box = await startTestBox();
  boxes.push(box);
  await seedDemo(box.database.db, box.clock.now());
  return box;
}

const backup = (box: TestBox, now = box.clock.now(), kind: BackupKind = 'nightly') =>
  createBackup(box.database, box.config.dataDir, { now, version: 'test', kind, usbRoots: [] });

describe('backup and restore', () => {
  it('round-trips the database, the key and the settings exactly', async () => {
    const box = await demoBox();
    const { peerId } = await loadOrCreateIdentity(box.config.dataDir);
    const key = fs.readFileSync(path.join(box.config.dataDir, PEER_KEY_FILE));
    const { file } = await backup(box);
    expect(path.dirname(file)).toBe(backupsDirectory(box.config.dataDir));
    box.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = databaseContents(box.config.databaseFile);
    expect((before.members as unknown[]).length).toBe(31);

    // Life goes on after the backup, then something goes wrong.
    await addActiveMember(box);
    fs.rmSync(path.join(box.config.dataDir, PEER_KEY_FILE));
    expect((await loadOrCreateIdentity(box.config.dataDir)).peerId.equals(peerId)).toBe(false);
    await box.app.stop();
    await box.database.close();

    const result = await restoreBackup(box.config, file, new Date('2026-11-23T09:00:00Z'));
    expect(databaseContents(box.config.databaseFile)).toEqual(before);
    // The box comes back as itself: siblings know it by this key.
    expect(fs.readFileSync(path.join(box.config.dataDir, PEER_KEY_FILE))).toEqual(key);
    expect(fs.statSync(path.join(box.config.dataDir, PEER_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateIdentity(box.config.dataDir)).peerId.equals(peerId)).toBe(true);
    expect(result.replaced).not.toBeNull();
    expect(databaseContents(result.replaced!).members!.length).toBe(32); // the replaced database is kept
    const reopened = openDatabase(box.config.databaseFile);
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await reopened.close();
  });

  it('refuses a corrupted backup and a file that is not a backup, touching nothing', async () => {
    const box = await demoBox();
    const { file } = await backup(box);
    await box.app.stop();
    const damaged = path.join(box.config.dataDir, 'damaged.db');
    const bytes = fs.readFileSync(file);
    // scribble over every page after the first two
    for (let i = 8192; i < bytes.length; i += 4096) bytes.fill(0x5a, i, i + 64);
    fs.writeFileSync(damaged, bytes);
    const notABackup = path.join(box.config.dataDir, 'notes.db');
    new BetterSqlite3(notABackup).exec('CREATE TABLE t (x)');
    const textFile = path.join(box.config.dataDir, 'notes.txt');
    fs.writeFileSync(textFile, 'hello');

    box.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = databaseContents(box.config.databaseFile);
    for (const bad of [damaged, notABackup, textFile, path.join(box.config.dataDir, 'missing.db')]) {
      await expect(restoreBackup(box.config, bad, new Date())).rejects.toThrow(BackupError);
    }
    expect(databaseContents(box.config.databaseFile)).toEqual(before);
    expect(fs.existsSync(path.join(box.config.dataDir, 'replaced'))).toBe(false);
  });

  it('refuses to restore while the server is running', async () => {
    const box = await demoBox();
    const { file } = await backup(box);
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(box.config.dataDir, 'marketcross.pid'), `${server.pid}\n`);
      await expect(restoreBackup(box.config, file, new Date())).rejects.toThrow(
        /box is running \(process \d+\)\. Stop it first/,
      );
    } finally {
      server.kill('SIGKILL');
    }
  });

  it('leaves earlier backups intact and verified when a backup is killed midway', async () => {
    const box = await demoBox();
    const first = await backup(box);
    box.clock.advanceDays(1);
    const second = await backup(box);
    const directory = backupsDirectory(box.config.dataDir);
    // A separate process starts the next snapshot into its .partial file and is killed mid-write.
    const partial = path.join(directory, `${backupName(box.clock.now())}.partial`);
    const writer = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        [
          "import fs from 'node:fs'; import Database from 'better-sqlite3';",
          `const db = new Database(${JSON.stringify(box.config.databaseFile)}); db.loadExtension('mod_spatialite');`,
          "console.log('copying');",
          `const partial = ${JSON.stringify(partial)};`,
          "for (;;) { db.prepare('VACUUM INTO ?').run(partial); fs.rmSync(partial); }",
        ].join(' '),
      ],
      { cwd: process.cwd() },
    );
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    await new Promise((resolve) => writer.stdout.once('data', resolve)); // it is copying
    await new Promise((resolve) => setTimeout(resolve, 30));
    writer.kill('SIGKILL');
    expect(await exited).toBeNull(); // killed, not finished

    expect(listBackups(directory).map((b) => b.path)).toEqual([second.file, first.file]);
    for (const b of listBackups(directory)) expect(checkBackupFile(b.path).counts.members).toBe(31);
    // The next backup clears the leftover and keeps the earlier ones.
    box.clock.advanceDays(1);
    const third = await backup(box);
    expect(fs.readdirSync(directory).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(listBackups(directory).map((b) => b.path)).toEqual([third.file, second.file, first.file]);
  });

  it('keeps the newest backup of each of the last 14 days and of each of the last 8 weeks', () => {
    // Three backups a day, for 100 days back from Sunday 2026-11-22.
    const backups = [];
    for (let day = 0; day < 100; day++) {
      for (const hour of [21, 12, 3]) {
        const takenAt = new Date(Date.UTC(2026, 10, 22 - day, hour));
        backups.push({ path: backupName(takenAt), name: backupName(takenAt), takenAt, kind: 'nightly' as const });
      }
    }
    const keep = [...backupsToKeep(backups)].sort().reverse();
    const daily = Array.from({ length: 14 }, (_, d) => backupName(new Date(Date.UTC(2026, 10, 22 - d, 21))));
    // Weeks start on Monday; the newest of each earlier week is its Sunday's evening backup.
    const weekly = Array.from({ length: 7 }, (_, w) => backupName(new Date(Date.UTC(2026, 10, 15 - 7 * w, 21))));
    expect(keep).toEqual([...new Set([...daily, ...weekly])].sort().reverse());
    expect(keep).toHaveLength(14 + 6); // two of the weekly ones are already among the daily ones
  });

  it('prunes only after the new backup is verified', async () => {
    const box = await demoBox();
    const start = box.clock.now();
    const taken: string[] = [];
    for (let day = 0; day < 20; day++)
      taken.push((await backup(box, new Date(start.getTime() + day * 86_400_000))).file);
    const kept = listBackups(backupsDirectory(box.config.dataDir)).map((b) => b.path);
    // The last 14 days (Nov 28 to Dec 11), plus Sunday Nov 22, the newest of its week.
    expect(kept).toEqual([...taken.slice(6).reverse(), taken[0]]);
  });

  it('keeps a backup taken by hand out of the nightly rotation, finds it as the latest and restores it', async () => {
    const box = await demoBox();
    const start = box.clock.now();
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    // Taken by hand two seconds before the nightly one, as before the box started (issue 12).
    const byHand = await backup(box, at(0), 'manual');
    expect(path.basename(byHand.file)).toMatch(/^marketcross-manual-\d{8}-\d{6}\.db$/);
    expect(listBackups(backupsDirectory(box.config.dataDir))[0]).toMatchObject({ path: byHand.file, kind: 'manual' });
    const nightly: string[] = [];
    for (let day = 0; day < 20; day++) nightly.push((await backup(box, at(2 + day * 86_400))).file);
    // A day later, another by hand: the newest, as the health page and `doctor` report it.
    const later = await backup(box, at(2 + 20 * 86_400), 'manual');
    const kept = listBackups(backupsDirectory(box.config.dataDir));
    expect(kept[0]).toMatchObject({ path: later.file, kind: 'manual' });
    // The nightly rotation as ever (its last 14 days, and the first, the newest of its week), the manual ones apart.
    expect(kept.map((b) => b.path)).toEqual([later.file, ...nightly.slice(6).reverse(), nightly[0], byHand.file]);

    const elsewhere = await startTestBox();
    boxes.push(elsewhere);
    await elsewhere.app.stop();
    await elsewhere.database.close();
    const restored = await restoreBackup(elsewhere.config, byHand.file, box.clock.now());
    expect(restored.takenAt).toBe(start.toISOString());
  });

  it('copies the backup to a USB drive holding the marker, byte for byte, with the small page cache', async () => {
    const box = await demoBox();
    const media = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-media-'));
    try {
      const stick = path.join(media, 'steward', 'STICK');
      fs.mkdirSync(stick, { recursive: true });
      fs.writeFileSync(path.join(stick, USB_MARKER), '');
      const result = await createBackup(box.database, box.config.dataDir, {
        now: box.clock.now(),
        version: 'test',
        kind: 'nightly',
        usbRoots: [media],
      });
      expect(result.copiedTo).toEqual([path.join(stick, path.basename(result.file))]);
      expect(fs.readFileSync(result.copiedTo[0]!).equals(fs.readFileSync(result.file))).toBe(true);
      expect(box.database.sqlite.pragma('cache_size', { simple: true })).toBe(-2048);
    } finally {
      fs.rmSync(media, { recursive: true, force: true });
    }
  });

  it('runs every night as a scheduled job, logging what it wrote', async () => {
    const box = await demoBox();
    const job = nightlyBackupJob(box.database, box.config, 'test');
    expect(job.cron).toBe('17 3 * * *');
    const logs: string[] = [];
    const scheduler = testScheduler({ db: box.database.db, now: box.clock.now }, [job], (line) => logs.push(line));
    await scheduler.runAll();
    const [written] = listBackups(backupsDirectory(box.config.dataDir));
    expect(written).toBeDefined();
    expect(checkBackupFile(written!.path).counts.members).toBe(31);
    expect(logs).toEqual([expect.stringContaining(`job nightly-backup: wrote ${written!.path} (`)]);
  });
});
