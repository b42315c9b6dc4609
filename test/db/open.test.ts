import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, MigrationError } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { DatabaseSetupError, openDatabase, type OpenDatabase } from '../../src/db/open.js';

const opened: OpenDatabase[] = [];
function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-db-')), 'marketcross.db');
}
function open(file: string): OpenDatabase {
  const database = openDatabase(file);
  opened.push(database);
  return database;
}
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on every open', async () => {
    const file = tempFile();
    await open(file).close();
    opened.pop();
    const { sqlite } = open(file); // reopened: better-sqlite3 would start a WAL database at NORMAL
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('loads SpatiaLite and initialises its metadata once, surviving a reopen', async () => {
    const file = tempFile();
    const first = open(file);
    expect(first.sqlite.prepare('SELECT CheckSpatialMetaData() AS kind').get()).toEqual({ kind: 3 });
    const srids = first.sqlite.prepare('SELECT count(*) AS n FROM spatial_ref_sys').get() as { n: number };
    await first.close();
    opened.pop();
    const second = open(file);
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM spatial_ref_sys').get()).toEqual(srids);
    const distance = second.sqlite
      .prepare('SELECT ST_Distance(MakePoint(1.1077, 52.3765, 4326), MakePoint(1.1077, 52.3865, 4326), 1) AS m')
      .get() as { m: number };
    expect(distance.m).toBeGreaterThan(1100);
    expect(distance.m).toBeLessThan(1125);
  });

  it('says which Debian package to install when SpatiaLite is missing', () => {
    expect(() => openDatabase(tempFile(), { spatialiteModule: 'mod_spatialite_not_installed' })).toThrow(
      DatabaseSetupError,
    );
    expect(() => openDatabase(tempFile(), { spatialiteModule: 'mod_spatialite_not_installed' })).toThrow(
      /apt-get install -y libsqlite3-mod-spatialite/,
    );
  });
});

describe('migrateToLatest', () => {
  it('applies the migrations once', async () => {
    const { db } = open(tempFile());
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('leaves the database exactly as it was when a migration fails', async () => {
    const { db, sqlite } = open(tempFile());
    await migrateToLatest(db);
    const tablesBefore = sqlite.prepare('SELECT name FROM sqlite_master ORDER BY name').all();
    const failing = {
      ...migrations,
      '2099-01-01T00-00-adds-then-fails': {
        async up(db: Kysely<any>) {
          await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
          await sql`INSERT INTO no_such_table VALUES (1)`.execute(db);
        },
      },
    };
    await expect(migrateToLatest(db, () => {}, failing)).rejects.toThrow(MigrationError);
    await expect(migrateToLatest(db, () => {}, failing)).rejects.toThrow(
      /2099-01-01T00-00-adds-then-fails.*no_such_table.*left unchanged/,
    );
    expect(sqlite.prepare('SELECT name FROM sqlite_master ORDER BY name').all()).toEqual(tablesBefore);
  });
});
