import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter, type SqliteDatabase } from 'kysely';
import { geodesicDistanceM } from '../lib/geodesic.js';
import type { Database } from './database.js';
import { makePrivateDirectory, makePrivateFile } from './private-files.js';

/** An open database: kysely for queries, the raw handle for pragmas, backups and closing. */
export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** The database cannot be opened as the box needs it; the message says what to do. */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}

const SPATIALITE_PACKAGE = 'libsqlite3-mod-spatialite';

/**
 * Opens (creating if needed) a Marketcross database file with the settings every
 * connection needs: WAL, foreign keys, `synchronous=FULL` (better-sqlite3 reopens
 * WAL files at NORMAL, and the ledger must survive a power cut), a busy timeout,
 * a small page cache, and SpatiaLite with its metadata initialised once.
 */
export function openDatabase(file: string, options: { spatialiteModule?: string } = {}): OpenDatabase {
  makePrivateDirectory(path.dirname(file));
  const sqlite = new BetterSqlite3(file);
  try {
    // Set before the WAL is made (SQLite gives its -wal and -shm files the database file's mode), and on those a
    // box made before this rule, too.
    for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) makePrivateFile(file + suffix);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    limitPageCache(sqlite);
    loadSpatialite(sqlite, options.spatialiteModule ?? 'mod_spatialite');
    initSpatialMetadataOnce(sqlite);
    registerGeodesicDistance(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({
    dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    sqlite,
    async close() {
      await db.destroy(); // closes the better-sqlite3 handle too
    },
  };
}

/**
 * SQLite's page cache, per connection, in KiB. better-sqlite3 builds SQLite
 * with a 16 MB default, which a box fills with whatever it last read (a backup
 * reads every page) and keeps: ~10 MB of the box's memory (issue 6). 2 MB is
 * SQLite's own default and holds the pages browsing uses; the rest comes from
 * the operating system's file cache, which gives memory back under pressure.
 */
const PAGE_CACHE_KIB = 2048;

/** Caps a connection's page cache at PAGE_CACHE_KIB (also for the connections a backup opens on its copy). */
export function limitPageCache(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
}

function loadSpatialite(sqlite: BetterSqlite3.Database, module: string): void {
  try {
    sqlite.loadExtension(module);
  } catch (error) {
    throw new DatabaseSetupError(
      `SpatiaLite could not be loaded (${(error as Error).message}). ` +
        `Install Debian's ${SPATIALITE_PACKAGE} package: sudo apt-get install -y ${SPATIALITE_PACKAGE}`,
    );
  }
}

/**
 * `geodesic_m(lat1, lon1, lat2, lon2)`: metres on the WGS84 ellipsoid, as
 * `ST_Distance(a, b, 1)` but seven times cheaper (see src/lib/geodesic.ts);
 * every distance the app shows or sorts by comes from it. NULL in, NULL out.
 */
function registerGeodesicDistance(sqlite: BetterSqlite3.Database): void {
  sqlite.function('geodesic_m', { deterministic: true }, (lat1, lon1, lat2, lon2) =>
    [lat1, lon1, lat2, lon2].some((v) => typeof v !== 'number')
      ? null
      : geodesicDistanceM(lat1 as number, lon1 as number, lat2 as number, lon2 as number),
  );
}

/**
 * `InitSpatialMetadata(1)` (the `1` makes it one transaction: ~60 ms instead of
 * 10+ s) is not idempotent, so it runs only when `CheckSpatialMetaData()` says
 * the tables are missing. It must not run inside a transaction.
 */
function initSpatialMetadataOnce(sqlite: BetterSqlite3.Database): void {
  const present = sqlite.prepare('SELECT CheckSpatialMetaData() AS kind').get() as { kind: number };
  if (present.kind !== 0) return;
  const done = sqlite.prepare('SELECT InitSpatialMetadata(1) AS ok').get() as { ok: number };
  if (done.ok !== 1)
    throw new DatabaseSetupError('SpatiaLite could not initialise its metadata tables in the database.');
}

/** How many distinct statements stay prepared: more than the app's busy pages use together, a few MB at most. */
const STATEMENT_CACHE_SIZE = 128;

/**
 * kysely asks for a fresh prepared statement on every query, and SQLite's
 * parsing and planning costs 0.1–0.3 ms for the search page's query: as much
 * as running it. The same SQL text (values are bound as parameters, so a
 * query's text repeats) gets the statement prepared last time, least recently
 * used first out. Safe because kysely runs one query at a time on its single
 * connection, and SQLite re-prepares a statement itself after a schema change.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText) {
      let statement = prepared.get(sqlText);
      if (statement)
        prepared.delete(sqlText); // re-inserted below, as the most recently used
      else statement = sqlite.prepare(sqlText);
      prepared.set(sqlText, statement);
      if (prepared.size > STATEMENT_CACHE_SIZE) prepared.delete(prepared.keys().next().value!);
      return statement;
    },
  };
}

/**
 * SQLite runs DDL inside transactions perfectly well, but kysely's adapter says
 * it cannot, so its migrator would leave a half-applied migration behind. This
 * adapter tells the truth, and a failing migration rolls back completely.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
