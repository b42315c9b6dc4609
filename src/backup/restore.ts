import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Config } from '../config.js';
import { openDatabase } from '../db/open.js';
import { makePrivateDirectory, makePrivateFile } from '../db/private-files.js';
import { backupName } from './backup-files.js';
import { msg } from '../lib/messages.js';
import { BackupError } from './backup-error.js';
import { runningServerPid } from './server-lock.js';
import {
  type BackupManifest,
  type BoxFile,
  checkIntegrity,
  checkpointWal,
  countRowsOf,
  dropBackupTables,
  readBackupBoxFiles,
  readBackupManifestEntries,
} from './backup.queries.js';

export interface RestoreResult {
  takenAt: string;
  version: string;
  /** Where the database that was replaced now is (null when there was none). */
  replaced: string | null;
  boxFiles: string[];
}

interface CheckedBackup extends BackupManifest {
  boxFiles: BoxFile[];
}

/**
 * Checks a backup file before anything is touched: a SQLite file that passes
 * its integrity check, carries our manifest, and holds the rows the manifest
 * says it does.
 */
export function checkBackupFile(file: string): CheckedBackup {
  if (!fs.existsSync(file)) throw new BackupError(msg('backup.noFile', { file }));
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(msg('backup.notABackup', { file, reason: (error as Error).message }));
  }
  try {
    const integrity = tryOr(() => checkIntegrity(db), 'unreadable');
    if (integrity !== 'ok') throw new BackupError(msg('backup.damaged', { file, integrity: String(integrity) }));
    const manifest = tryOr(() => readBackupManifestEntries(db), null);
    if (!manifest?.row_counts) throw new BackupError(msg('backup.noManifest', { file }));
    const counts = JSON.parse(manifest.row_counts) as Record<string, number>;
    for (const [table, expected] of Object.entries(counts)) {
      const actual = tryOr(() => countRowsOf(db, table), -1);
      if (actual !== expected)
        throw new BackupError(
          msg('backup.wrongCount', { file, table, actual: String(actual), expected: String(expected) }),
        );
    }
    const boxFiles = readBackupBoxFiles(db);
    return { takenAt: manifest.taken_at ?? 'unknown', version: manifest.version ?? 'unknown', counts, boxFiles };
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of the box's database, its key and its settings.
 * Refuses while the server runs. The database it replaces is kept in
 * `<data dir>/replaced/`, never deleted.
 */
export async function restoreBackup(config: Config, file: string, now: Date): Promise<RestoreResult> {
  const pid = runningServerPid(config.dataDir);
  if (pid !== null) throw new BackupError(msg('backup.serverRunning', { pid: String(pid) }));
  const backup = checkBackupFile(file);

  let replaced: string | null = null;
  if (fs.existsSync(config.databaseFile)) {
    // Fold the -wal file into the database so the copy kept aside is whole.
    const current = openDatabase(config.databaseFile);
    checkpointWal(current.sqlite);
    await current.close();
    const keptDir = path.join(config.dataDir, 'replaced');
    makePrivateDirectory(keptDir);
    replaced = path.join(keptDir, backupName(now));
    fs.renameSync(config.databaseFile, replaced);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(config.databaseFile + suffix, { force: true });
  }

  const incoming = `${config.databaseFile}.restoring`;
  fs.copyFileSync(file, incoming);
  makePrivateFile(incoming);
  const copy = new BetterSqlite3(incoming);
  dropBackupTables(copy);
  copy.close();
  fs.renameSync(incoming, config.databaseFile);
  for (const boxFile of backup.boxFiles) {
    const target = path.join(config.dataDir, path.basename(boxFile.name));
    fs.writeFileSync(target, boxFile.content, { mode: boxFile.mode });
    fs.chmodSync(target, boxFile.mode);
  }
  // Opening it once sets WAL and proves SpatiaLite is happy with it.
  await openDatabase(config.databaseFile).close();
  return { takenAt: backup.takenAt, version: backup.version, replaced, boxFiles: backup.boxFiles.map((f) => f.name) };
}

function tryOr<T, F>(read: () => T, fallback: F): T | F {
  try {
    return read();
  } catch {
    return fallback;
  }
}
