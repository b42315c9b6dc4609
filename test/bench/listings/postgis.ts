import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OpenDatabase } from '../../../src/db/open.js';

/** The listings benchmark's comparison with PostGIS (test/bench/listings.bench.ts): the same searches in PostgreSQL. */

/** The median and 99th percentile of some timings. */
export function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p99: at(0.99) };
}

/**
 * PostgreSQL and PostGIS from Debian's packages, installed when missing (the
 * bench machines run as root); resolves with the PostgreSQL major version.
 */
function installPostgis(): string | { skipped: string } {
  const installedVersion = () =>
    fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort().at(-1) : undefined;
  const aptInstall = (packages: string[]) => {
    const install = () =>
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit' });
    try {
      install();
    } catch {
      execFileSync('apt-get', ['update'], { stdio: 'inherit' }); // a fresh machine has no package lists yet
      install();
    }
  };
  try {
    if (!installedVersion()) aptInstall(['postgresql']);
    const version = installedVersion();
    if (!version) return { skipped: 'PostgreSQL could not be installed' };
    if (!fs.readdirSync(`/usr/share/postgresql/${version}/extension`).some((f) => f.startsWith('postgis')))
      aptInstall([`postgresql-${version}-postgis-3`]);
    return version;
  } catch (error) {
    return {
      skipped: `PostgreSQL and PostGIS could not be installed from Debian's packages: ${(error as Error).message}`,
    };
  }
}

/**
 * The same page in PostgreSQL + PostGIS, installed from Debian's packages:
 * `geography` points with a GiST index, `ST_DWithin` plus `ORDER BY … <-> …
 * LIMIT 20`, the keyword by a GIN full-text index with a prefix query. A
 * private server in a temporary folder, fed the same public points; timed
 * inside the server (PL/pgSQL, `clock_timestamp()`), so without the client
 * round trip that the SQLite figures include.
 */
export function postgisMedians(
  sqlite: OpenDatabase['sqlite'],
  radiiKm: number[],
  runs: number,
): Map<string, { median: number; p99: number }> | string {
  const version = installPostgis();
  if (typeof version !== 'string') return version.skipped;
  const bin = `/usr/lib/postgresql/${version}/bin`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-postgis-'));
  fs.chmodSync(dir, 0o777);
  const asPostgres = (command: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const port = String(30_000 + Math.floor(Math.random() * 20_000));
  const psql = (sql: string) =>
    asPostgres('/usr/bin/psql', ['-h', dir, '-p', port, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql]);
  try {
    asPostgres(`${bin}/initdb`, ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres']);
    // The server's output goes to a file: an inherited pipe would keep execFileSync waiting.
    asPostgres(`${bin}/pg_ctl`, [
      '-D',
      `${dir}/data`,
      '-l',
      `${dir}/server.log`,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=''`,
      '-w',
      'start',
    ]);
    const csv = path.join(dir, 'listings.csv');
    const rows = sqlite
      .prepare(
        "SELECT seq, title || ' ' || description AS text, public_lat, public_lon, created_at, expires_at FROM listings",
      )
      .all() as {
      seq: number;
      text: string;
      public_lat: number;
      public_lon: number;
      created_at: string;
      expires_at: string;
    }[];
    fs.writeFileSync(
      csv,
      `${rows
        .map((r) => `${r.seq}\t${r.text}\t${r.public_lat}\t${r.public_lon}\t${r.created_at}\t${r.expires_at}`)
        .join('\n')}\n`,
    );
    fs.chmodSync(csv, 0o644);
    psql(`CREATE EXTENSION postgis;
      CREATE TABLE listings (
        seq int PRIMARY KEY, text text, lat float8, lon float8, created_at timestamptz, expires_at timestamptz
      );
      COPY listings FROM '${csv}';
      ALTER TABLE listings ADD COLUMN g geography(Point, 4326), ADD COLUMN tsv tsvector;
      UPDATE listings SET g = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, tsv = to_tsvector('simple', text);
      CREATE INDEX listings_g ON listings USING gist (g);
      CREATE INDEX listings_tsv ON listings USING gin (tsv);`);
    psql('VACUUM ANALYZE listings'); // not inside the transaction a multi-statement -c runs in
    psql(`CREATE FUNCTION bench(radius_m float8, q text, runs int) RETURNS SETOF float8 AS $$
      DECLARE i int; t0 timestamptz; c geography;
      BEGIN
        PERFORM setseed(0.42);
        FOR i IN 1..runs LOOP
          c := ST_SetSRID(ST_MakePoint(0.5 + random() * 0.9, 52.15 + random() * 0.6), 4326)::geography;
          t0 := clock_timestamp();
          IF q = '' THEN
            PERFORM seq, ST_Distance(g, c) FROM listings
              WHERE ST_DWithin(g, c, radius_m) AND expires_at > now()
              ORDER BY g <-> c, created_at DESC LIMIT 20;
          ELSE
            PERFORM seq, ST_Distance(g, c) FROM listings
              WHERE ST_DWithin(g, c, radius_m) AND expires_at > now() AND tsv @@ to_tsquery('simple', q || ':*')
              ORDER BY g <-> c, created_at DESC LIMIT 20;
          END IF;
          RETURN NEXT extract(epoch FROM clock_timestamp() - t0) * 1000;
        END LOOP;
      END $$ LANGUAGE plpgsql;`);
    const results = new Map<string, { median: number; p99: number }>();
    for (const radiusKm of radiiKm) {
      for (const q of ['', 'bike']) {
        psql(`SELECT count(*) FROM bench(${radiusKm * 1000}, '${q}', 20)`); // warm up
        const times = psql(`SELECT * FROM bench(${radiusKm * 1000}, '${q}', ${runs})`)
          .trim()
          .split('\n')
          .map(Number);
        results.set(`${radiusKm}/${q}`, stats(times));
      }
    }
    return results;
  } finally {
    try {
      asPostgres(`${bin}/pg_ctl`, ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']);
    } catch {
      // not started
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
