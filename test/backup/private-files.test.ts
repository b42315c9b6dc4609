import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/backup.js';
import { backupsDirectory } from '../../src/backup/backup-files.js';
import { restoreBackup } from '../../src/backup/restore.js';
import { loadConfig } from '../../src/config.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { loadOrCreateIdentity, PEER_KEY_FILE } from '../../sync/identity.js';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/**
 * The data folder holds the members' password hashes and sessions and the box's peer key, and every backup holds them
 * too: only the box's own user may read them, whatever umask the box was started with (a steward's shell, a unit
 * without `UMask=`).
 */
describe('the data folder and backups under a permissive umask', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-umask-'));
  const config = loadConfig({}, { dataDir: path.join(parent, 'data') });
  let umask: number;
  beforeAll(() => {
    umask = process.umask(0o000);
  });
  afterAll(() => {
    process.umask(umask);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('makes folders 0700 and files 0600: database, WAL, key, backups, the database a restore keeps', async () => {
    const database = openDatabase(config.databaseFile);
    await migrateToLatest(database.db);
    await loadOrCreateIdentity(config.dataDir);
    const { file } = await createBackup(database, config.dataDir, {
      now: new Date(),
      version: 'test',
      kind: 'nightly',
      usbRoots: [],
    });
    expect(modeOf(config.dataDir)).toBe(0o700);
    for (const name of ['marketcross.db', 'marketcross.db-wal', 'marketcross.db-shm', PEER_KEY_FILE])
      expect([name, modeOf(path.join(config.dataDir, name))]).toEqual([name, 0o600]);
    expect(modeOf(backupsDirectory(config.dataDir))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    await database.close();

    const restored = await restoreBackup(config, file, new Date(Date.now() + 60_000));
    expect(modeOf(path.dirname(restored.replaced!))).toBe(0o700);
    expect(modeOf(restored.replaced!)).toBe(0o600);
    expect(modeOf(config.databaseFile)).toBe(0o600);
  });

  it('tightens a data folder made by hand with the umask’s modes when the box opens it', async () => {
    const dataDir = path.join(parent, 'by-hand');
    fs.mkdirSync(dataDir, { mode: 0o777 });
    fs.writeFileSync(path.join(dataDir, 'marketcross.db'), '', { mode: 0o666 });
    const database = openDatabase(path.join(dataDir, 'marketcross.db'));
    await database.close();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'marketcross.db'))).toBe(0o600);
  });
});
