import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { setUpCommunity } from '../../src/community/setup.js';
import { ensureSetupCode } from '../../src/community/setup-code.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open.js';
import { listingViewerOf, type ListingViewer } from '../../src/listings/listings.queries.js';
import { findListingsNear, type ListingSearch } from '../../src/listings/search.queries.js';
import { mergeKeywordIndexes } from '../../src/listings/listings.jobs.js';
import { searchListings } from '../../src/federation/remote-listings.queries.js';
import { roundLocation } from '../../src/members/location.js';
import { insertMember } from '../../src/members/members.queries.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { productionLaunch, serveBuiltBox, signInCookie } from './launch.js';
import { postgisMedians, stats } from './listings/postgis.js';

/**
 * The marketplace at scale: 100,000 listings over East Anglia. Measures the
 * search page's query (one page of 20, through `searchListings`, the
 * function the page calls) for radii of 2, 10 and 50 km around random centres,
 * with and without a keyword; the same page by a full scan; then the search
 * page over HTTP under autocannon beside a bare koa "hello". Run with
 * `npm run bench`; the figures are printed as a table at the end.
 */
const LISTINGS = 100_000;
const AUTHORS = 300;
const EAST_ANGLIA = { minLat: 51.95, maxLat: 52.95, minLon: 0.2, maxLon: 1.75 };
const RADII_KM = [2, 10, 50];
const INDEX_RUNS = 300;
const SCAN_RUNS = 10;
const LOAD_SECONDS = 20;
const PASSWORD = 'bench-password-1';
const WORDS = [
  'bike',
  'apples',
  'ladder',
  'guitar',
  'lessons',
  'eggs',
  'jam',
  'sofa',
  'table',
  'lift',
  'norwich',
  'mower',
  'drill',
  'seedlings',
  'honey',
  'books',
  'cot',
  'pram',
  'firewood',
  'logs',
  'compost',
  'plumbing',
  'ironing',
  'knitting',
  'spanish',
  'piano',
  'tomatoes',
  'courgettes',
  'kayak',
  'tent',
  'van',
  'trailer',
  'shed',
  'paint',
  'tiles',
  'laptop',
  'printer',
  'chairs',
  'lamp',
  'rug',
];
const CATEGORIES = ['food', 'goods', 'services', 'skills', 'tools', 'housing', 'transport', 'other'];

let dataDir: string;
let database: OpenDatabase;
let viewer: ListingViewer;
let memberEmail: string;
const lines: string[] = [];
const random = (() => {
  let state = 42;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
})();

function centre() {
  // Keep the 50 km circle mostly on land: centres away from the region's edge.
  return { lat: 52.15 + random() * 0.6, lon: 0.5 + random() * 0.9 };
}

async function timeSearches(
  runs: number,
  search: (centre: { lat: number; lon: number }) => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = centre();
    const start = process.hrtime.bigint();
    await search(c);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

async function seed(): Promise<void> {
  const db = database.db;
  await ensureSetupCode(db);
  const now = new Date();
  await setUpCommunity(
    db,
    {
      community_name: 'Bench',
      region: 'East Anglia',
      lat: 52.3765,
      lon: 1.1077,
      vouches_required: 2,
      steward_name: 'Bench Steward',
      steward_contact: 'steward@bench.example',
      password: PASSWORD,
      about: '',
    },
    now,
  );
  const passwordHash = await hashPassword(PASSWORD);
  const authorIds: number[] = [];
  for (let i = 0; i < AUTHORS; i++) {
    const { id } = await insertMember(
      db,
      {
        displayName: `Author ${i}`,
        kind: 'person',
        email: `author${i}@bench.example`,
        phone: null,
        passwordHash,
        status: 'active',
        role: 'member',
        whyJoin: '',
        lat: 52.4,
        lon: 1.1,
        placeId: null,
      },
      now,
    );
    authorIds.push(id);
  }
  memberEmail = 'author0@bench.example';
  viewer = await listingViewerOf(db, { id: authorIds[0]!, role: 'member' });
  // Raw inserts for speed; the columns are those `insertListing` writes (the FTS triggers run as usual).
  const insert = database.sqlite.prepare(`INSERT INTO listings (id, author_id, kind, title, description, category,
      terms, lat, lon, public_lat, public_lon, public_point, visibility, expires_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 'free', ?, ?, ?, ?, MakePoint(?, ?, 4326), ?, ?, ?, ?)`);
  const many = database.sqlite.transaction(() => {
    for (let i = 0; i < LISTINGS; i++) {
      const exact = {
        lat: EAST_ANGLIA.minLat + random() * (EAST_ANGLIA.maxLat - EAST_ANGLIA.minLat),
        lon: EAST_ANGLIA.minLon + random() * (EAST_ANGLIA.maxLon - EAST_ANGLIA.minLon),
      };
      const shown = roundLocation(exact);
      const created = new Date(now.getTime() - random() * 25 * 86_400_000);
      const title = `${WORDS[Math.floor(random() * WORDS.length)]} and ${WORDS[Math.floor(random() * WORDS.length)]}`;
      insert.run(
        crypto.randomUUID(),
        authorIds[i % AUTHORS],
        random() < 0.6 ? 'offer' : 'want',
        title,
        `A ${title} near you.`,
        CATEGORIES[i % CATEGORIES.length],
        exact.lat,
        exact.lon,
        shown.lat,
        shown.lon,
        shown.lon,
        shown.lat,
        random() < 0.4 ? 'public' : 'members',
        new Date(created.getTime() + 30 * 86_400_000).toISOString(),
        created.toISOString(),
        created.toISOString(),
      );
    }
  });
  many();
  // As a box has them after a night: its planner statistics, and the keyword index merged by the nightly job.
  database.sqlite.pragma('optimize');
  await mergeKeywordIndexes.run(db, now);
}

/** A bare koa app answering "hello", in its own process like the box. */
function serveHello(): Promise<{ child: ChildProcess; url: string }> {
  const code = `import Koa from 'koa'; const app = new Koa(); app.use((ctx) => { ctx.body = 'hello'; });
    const server = app.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: process.cwd(),
  });
  return new Promise((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
  });
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 50, duration: LOAD_SECONDS, headers });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-bench-'));
  database = openDatabase(path.join(dataDir, 'marketcross.db'));
  await migrateToLatest(database.db);
  const seeding = Date.now();
  await seed();
  lines.push(
    `machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ` +
      `${process.version}`,
  );
  lines.push(`seeded ${LISTINGS} listings in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  const postgis = postgisMedians(database.sqlite, RADII_KM, INDEX_RUNS);
  if (typeof postgis === 'string') lines.push(`PostGIS: skipped, ${postgis}`);
  const now = new Date();
  for (const radiusKm of RADII_KM) {
    for (const q of ['', 'bike']) {
      const page = (c: { lat: number; lon: number }): ListingSearch => ({
        centre: c,
        radiusM: radiusKm * 1000,
        q,
        kind: null,
        category: null,
        limit: 20,
        offset: 0,
      });
      // The page's own call (which also asks for neighbouring towns' listings), and the same page found by a full scan.
      const indexedSearch = (c: { lat: number; lon: number }) => searchListings(database.db, page(c), viewer, now);
      await timeSearches(20, indexedSearch); // warm up
      const indexed = stats(await timeSearches(INDEX_RUNS, indexedSearch));
      const scanned = stats(
        await timeSearches(SCAN_RUNS, (c) =>
          findListingsNear(database.db, page(c), viewer, now, { prefilter: 'none' }),
        ),
      );
      lines.push(
        `${String(radiusKm).padStart(2)} km ${q ? `q="${q}"` : 'no keyword'}: index median ` +
          `${indexed.median.toFixed(2)} ms, p99 ${indexed.p99.toFixed(2)} ms; ` +
          `full scan median ${scanned.median.toFixed(1)} ms (${(scanned.median / indexed.median).toFixed(0)}× slower)` +
          (typeof postgis === 'string'
            ? ''
            : `; PostGIS median ${postgis.get(`${radiusKm}/${q}`)!.median.toFixed(2)} ms, p99 ` +
              `${postgis.get(`${radiusKm}/${q}`)!.p99.toFixed(2)} ms (PostGIS/SQLite ` +
              `${(postgis.get(`${radiusKm}/${q}`)!.median / indexed.median).toFixed(2)})`),
      );
    }
  }
  await database.close();

  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const box = await serveBuiltBox(dataDir, productionLaunch());
  const hello = await serveHello();
  try {
    const cookie = await signInCookie(box.url, memberEmail, PASSWORD);
    const page = await load(`${box.url}/listings?centre=box&radius=10`, { cookie });
    const bare = await load(hello.url);
    lines.push(
      `HTTP, 50 connections, ${LOAD_SECONDS} s: search page ${page.rps.toFixed(0)} req/s (p99 ${page.p99} ms, ` +
        `${page.errors} errors), peak RSS ${peakRssMb(box.child.pid!).toFixed(0)} MB;` +
        ` bare koa "hello" ${bare.rps.toFixed(0)} req/s (p99 ${bare.p99} ms); ratio ` +
        `${(bare.rps / page.rps).toFixed(1)}×`,
    );
  } finally {
    box.child.kill('SIGTERM');
    hello.child.kill('SIGTERM');
  }
}, 15 * 60_000);

afterAll(() => {
  console.log(`\nListings benchmark\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('listings search', () => {
  // vitest bench needs a bench to run the hooks; the figures that matter are in the table printed at the end.
  bench('placeholder for the table above', () => {}, { iterations: 1, time: 0 });
});
