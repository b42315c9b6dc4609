import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { limitPageCache, type OpenDatabase } from '../db/open.js';
import { makePrivateDirectory, makePrivateFile } from '../db/private-files.js';
import { type Message, msg } from '../lib/messages.js';
import { BackupError } from './backup-error.js';
import { type BackupKind, backupName, backupsDirectory, backupsToKeep, listBackups } from './backup-files.js';
import {
  type BackupManifest,
  type BoxFile,
  checkIntegrity,
  countRowsOfEveryTable,
  snapshotDatabaseInto,
  useRollbackJournal,
  writeBackupManifest,
} from './backup.queries.js';

export { BackupError };

/**
 * A backup is one SQLite file: a `VACUUM INTO` snapshot of the database, plus
 * two tables of its own — `backup_manifest` (when, which version, the row
 * count of every table) and `backup_box_files` (the small files at the top of
 * the data directory: the box's libp2p key and its settings). One file is easy
 * to copy to a USB stick, and it cannot come apart.
 */

export interface BackupResult {
  file: string;
  rows: number;
  pruned: string[];
  copiedTo: string[];
}

/** A folder holding this file (say, the root of a USB stick) gets a copy of every backup. */
export const USB_MARKER = '.marketcross-backups';
/** Box files larger than this are not settings or keys; they are left out. */
const BOX_FILE_MAX_BYTES = 1024 * 1024;
/** A write between the snapshot and the count makes them differ; the backup is then simply taken again. */
const ATTEMPTS = 3;

export async function createBackup(
  source: OpenDatabase,
  dataDir: string,
  options: { now: Date; version: string; kind: BackupKind; usbRoots?: string[]; log?: (line: Message) => void },
): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const directory = backupsDirectory(dataDir);
  makePrivateDirectory(directory);
  for (const name of fs.readdirSync(directory))
    if (name.endsWith('.partial')) fs.rmSync(path.join(directory, name), { force: true });

  const file = path.join(directory, backupName(options.now, options.kind));
  const partial = `${file}.partial`;
  let counts: Record<string, number> | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS && !counts; attempt++) {
    fs.rmSync(partial, { force: true });
    // Holding kysely's only connection: no query of this process runs between the snapshot and the count.
    const sourceCounts = await source.db.connection().execute(async () => {
      snapshotDatabaseInto(source.sqlite, partial);
      makePrivateFile(partial);
      return countRowsOfEveryTable(source.sqlite);
    });
    const copyCounts = verifyCopy(partial);
    if (sameCounts(sourceCounts, copyCounts)) counts = copyCounts;
    else log(msg('backup.changedWhileCopied', { attempt: attempt + 1, attempts: ATTEMPTS }));
  }
  if (!counts) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(msg('backup.keptChanging'));
  }

  writeManifest(
    partial,
    { takenAt: options.now.toISOString(), version: options.version, counts },
    readBoxFiles(dataDir),
  );
  syncFile(partial);
  fs.renameSync(partial, file);
  syncFile(directory);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  log(msg('backup.written', { file, tables: String(Object.keys(counts).length), rows: String(rows) }));

  const pruned = prune(directory, log);
  const copiedTo: string[] = [];
  for (const target of findUsbTargets(options.usbRoots ?? ['/media', '/mnt'])) {
    try {
      copiedTo.push(copyVerified(file, target));
      prune(target, log);
    } catch (error) {
      log(msg('backup.copyFailed', { target, reason: (error as Error).message }));
    }
  }
  return { file, rows, pruned, copiedTo };
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Opens a copy on its own (no SpatiaLite needed), checks its integrity, and counts its rows. */
function verifyCopy(file: string): Record<string, number> {
  const copy = new BetterSqlite3(file);
  try {
    useRollbackJournal(copy);
    limitPageCache(copy); // the integrity check reads every page
    const integrity = checkIntegrity(copy);
    if (integrity !== 'ok') throw new BackupError(msg('backup.integrityFailed', { integrity: String(integrity) }));
    return countRowsOfEveryTable(copy);
  } finally {
    copy.close();
  }
}

function readBoxFiles(dataDir: string): BoxFile[] {
  const files: BoxFile[] = [];
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (!entry.isFile() || /^marketcross\.(db|pid)|\.db(-wal|-shm|-journal)?$/.test(entry.name)) continue;
    const full = path.join(dataDir, entry.name);
    const stat = fs.statSync(full);
    if (stat.size > BOX_FILE_MAX_BYTES) continue;
    files.push({ name: entry.name, mode: stat.mode & 0o777, content: fs.readFileSync(full) });
  }
  return files;
}

function writeManifest(file: string, manifest: BackupManifest, boxFiles: BoxFile[]): void {
  const copy = new BetterSqlite3(file);
  try {
    limitPageCache(copy);
    writeBackupManifest(copy, manifest, boxFiles);
  } finally {
    copy.close();
  }
}

function prune(directory: string, log: (line: Message) => void): string[] {
  const backups = listBackups(directory);
  const keep = backupsToKeep(backups);
  const pruned: string[] = [];
  for (const backup of backups) {
    if (keep.has(backup.path)) continue;
    fs.rmSync(backup.path, { force: true });
    pruned.push(backup.name);
  }
  if (pruned.length > 0) log(msg('backup.pruned', { count: String(pruned.length), directory }));
  return pruned;
}

/** Mounted folders (one or two levels under each root, as /media/<user>/<stick>) holding the marker file. */
function findUsbTargets(roots: string[]): string[] {
  const targets: string[] = [];
  const visit = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.name === USB_MARKER)) targets.push(dir);
    else if (depth < 2) for (const e of entries) if (e.isDirectory()) visit(path.join(dir, e.name), depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return targets;
}

function copyVerified(file: string, targetDir: string): string {
  const target = path.join(targetDir, path.basename(file));
  const partial = `${target}.partial`;
  fs.copyFileSync(file, partial);
  syncFile(partial);
  if (sha256(partial) !== sha256(file)) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(msg('backup.copyDiffers'));
  }
  fs.renameSync(partial, target);
  return target;
}

/**
 * Hashes the file 1 MB at a time: a box's database (photos included) may be far larger than the memory it can spare.
 */
function sha256(file: string): string {
  const hash = crypto.createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024);
  const fd = fs.openSync(file, 'r');
  try {
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read <= 0) break;
      hash.update(chunk.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Makes the file (or folder entry) durable before it is trusted: a power cut must not leave a half-written backup that
 * looks whole.
 */
function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
