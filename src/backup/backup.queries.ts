import type BetterSqlite3 from 'better-sqlite3';

/**
 * The statements backups and restores run on SQLite files directly, through better-sqlite3 rather than kysely: a
 * backup is a file of its own, opened without SpatiaLite, and carries two tables of its own beside the box's
 * (`backup_manifest`: when, which version, the row count of every table; `backup_box_files`: the small files at the
 * top of the data directory).
 */

/** Writes a consistent snapshot of the whole database to `file` (which must not exist yet). */
export function snapshotDatabaseInto(sqlite: BetterSqlite3.Database, file: string): void {
  sqlite.prepare('VACUUM INTO ?').run(file);
}

/** Row counts of every ordinary table (virtual tables need their modules; their shadow tables are counted instead). */
export function countRowsOfEveryTable(db: BetterSqlite3.Database): Record<string, number> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'backup_%' " +
        "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = countRowsOf(db, table);
  return counts;
}

/** The number of rows in `table` (throws when there is no such table). */
export function countRowsOf(db: BetterSqlite3.Database, table: string): number {
  return db
    .prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`)
    .pluck()
    .get() as number;
}

/** A file standing alone (a backup, say) keeps its journal inside itself: no -wal file beside it. */
export function useRollbackJournal(db: BetterSqlite3.Database): void {
  db.pragma('journal_mode = DELETE');
}

/** SQLite's own check of every page: 'ok', or what it found wrong. */
export function checkIntegrity(db: BetterSqlite3.Database): unknown {
  return db.pragma('integrity_check', { simple: true });
}

/** Folds the -wal file into the database file and empties it. */
export function checkpointWal(db: BetterSqlite3.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export interface BackupManifest {
  takenAt: string;
  version: string;
  counts: Record<string, number>;
}

export interface BoxFile {
  name: string;
  mode: number;
  content: Buffer;
}

/** Adds the backup's own two tables to a snapshot, with its manifest and the box's files, in one transaction. */
export function writeBackupManifest(copy: BetterSqlite3.Database, manifest: BackupManifest, boxFiles: BoxFile[]): void {
  copy.exec(
    'CREATE TABLE backup_manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL); ' +
      'CREATE TABLE backup_box_files (name TEXT PRIMARY KEY, mode INTEGER NOT NULL, content BLOB NOT NULL);',
  );
  const put = copy.prepare('INSERT INTO backup_manifest (key, value) VALUES (?, ?)');
  const putFile = copy.prepare('INSERT INTO backup_box_files (name, mode, content) VALUES (?, ?, ?)');
  copy.transaction(() => {
    put.run('taken_at', manifest.takenAt);
    put.run('version', manifest.version);
    put.run('row_counts', JSON.stringify(manifest.counts));
    for (const boxFile of boxFiles) putFile.run(boxFile.name, boxFile.mode, boxFile.content);
  })();
}

/** The manifest's entries, by key (throws when the file has no manifest table). */
export function readBackupManifestEntries(db: BetterSqlite3.Database): Record<string, string> {
  const rows = db.prepare('SELECT key, value FROM backup_manifest').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export function readBackupBoxFiles(db: BetterSqlite3.Database): BoxFile[] {
  return db.prepare('SELECT name, mode, content FROM backup_box_files').all() as BoxFile[];
}

/** What makes a backup a backup, taken away once it is put in place of the box's database. */
export function dropBackupTables(db: BetterSqlite3.Database): void {
  db.exec('DROP TABLE backup_manifest; DROP TABLE backup_box_files;');
}
