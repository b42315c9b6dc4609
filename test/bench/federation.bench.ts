import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { immediateTransaction } from '../../src/db/immediate.js';
import { openDatabase } from '../../src/db/open.js';
import { postListing } from '../../src/listings/posting.js';
import { putSibling } from '../../src/federation/siblings.queries.js';
import {
  ABSORB_TIMEOUT_MS,
  ARRIVAL_TIMEOUT_MS,
  BOXES,
  CATCH_UP_TIMEOUT_MS,
  IDLE_WINDOW_MS,
  LISTINGS,
  MISSED,
  REACH,
  SEED_BATCH,
  UNREACHABLE,
  arrivals,
  boxes,
  cpuSeconds,
  cpuSince,
  hops,
  horizon,
  lines,
  makeRegionFolder,
  postRegional,
  prepare,
  quantile,
  regionBytes,
  regionCpu,
  remoteCount,
  ringDistance,
  root,
  running,
  sampleMemory,
  sleep,
  start,
  stop,
  until,
} from './federation/region.js';
import { reportMemoryAndWarnings } from './federation/memory-report.js';

/**
 * Federation across a region of ten boxes, each a real `marketcross serve`
 * process (built first, as `npm run bench` is run) with its own database and
 * peer port on 127.0.0.1. Run with `npm run bench`; the figures are printed as
 * a table at the end.
 *
 * Topology: a ring of ten towns in which each box is connected to the two
 * boxes on either side (4 connections each; the far side of the ring is 3
 * hops away), so gossip has to be relayed. A box accepts records only from
 * origins on its sibling list (PROTOCOL.md §2.3), so for a listing to reach
 * every box each box lists all nine others; the five it is not connected to
 * are listed with an address nothing answers (/ip4/127.0.0.1/tcp/1, refused at
 * once), which is how a box that trusts a town it cannot reach looks today.
 *
 * What is measured:
 * - propagation: LISTINGS regional listings, posted through the API at each
 *   box in turn, one at a time; for each, the time from the POST to the moment
 *   the last of the other nine boxes stored it (the receiving box's own
 *   `remote_listings.received_at`: one machine, one clock), median and p95,
 *   and the arrival times by hops from the origin;
 * - bytes per listing: every box process counts the bytes it writes to and
 *   reads from peer connections (TCP payload: Noise frames with the Yamux,
 *   gossipsub and catch-up traffic inside; not TCP/IP headers) with a
 *   preloaded module hooked on Node's `net.client.socket`/`net.server.socket`
 *   diagnostics channels, keeping sockets to or from a peer port only (the
 *   web/API traffic is never counted). Summed over the ten boxes, bytes
 *   written during the propagation phase, less the idle rate measured just
 *   before it, divided by the listings;
 * - catch-up: one box is stopped, the origin's database gets MISSED regional
 *   listings written straight into it (through the app's own `postListing`,
 *   so its triggers queue them and the running origin signs and gossips them
 *   on its next tick), the rest of the region is left to take them all in,
 *   then the stopped box is started again and timed until it holds them all;
 * - memory: each box process's VmRSS and VmHWM from /proc/<pid>/status.
 */

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

beforeAll(async () => {
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  } catch (error) {
    // tsc still emits when someone else's file has a type error; only a missing build is fatal.
    if (!fs.existsSync('dist/src/main.js')) throw error;
  }
  makeRegionFolder();
  lines.push(
    `machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  );

  // Ten communities, then every box lists the nine others: its ring neighbours where they listen, the rest where
  // nothing answers.
  for (let i = 0; i < BOXES; i++) boxes.push(await prepare(i));
  for (const box of boxes) {
    const database = openDatabase(path.join(box.dir, 'marketcross.db'));
    try {
      for (const other of boxes.filter((b) => b !== box)) {
        const reachable = ringDistance(box.index, other.index) <= REACH;
        await putSibling(
          database.db,
          {
            peerId: other.peerId,
            name: other.name,
            address: reachable ? `/ip4/127.0.0.1/tcp/${other.p2pPort}` : UNREACHABLE,
          },
          new Date(),
        );
      }
    } finally {
      await database.close();
    }
    box.reader = new BetterSqlite3(path.join(box.dir, 'marketcross.db'), { fileMustExist: true });
    box.reader.pragma('busy_timeout = 5000');
  }
  lines.push(
    `topology: ring of ${BOXES}, each box connected to ${REACH * 2} (${REACH} either side; farthest box ` +
      `${hops(0, BOXES / 2)} hops), every box trusting all ${BOXES - 1} others as origins`,
  );

  const started = Date.now();
  await Promise.all(boxes.map(start));
  lines.push(`start: ${BOXES} serve processes up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const connected = await until(
    'the ring to connect',
    () =>
      boxes.every(
        (box) =>
          (
            box.reader.prepare('SELECT COUNT(*) AS n FROM siblings WHERE last_seen_at IS NOT NULL').get() as {
              n: number;
            }
          ).n >=
          REACH * 2,
      ),
    60_000,
    200,
  );
  lines.push(
    `connect: every box saw its ${REACH * 2} neighbours ` +
      `${connected ? `after ${((Date.now() - started) / 1000).toFixed(1)} s` : 'NOT within 60 s'}`,
  );
  sampleMemory('idle');

  // Warm-up: the gossip mesh forms on the first messages; not measured.
  for (let w = 0; w < 3; w++) {
    const origin = boxes[w * 3]!;
    await arrivals(origin, await postRegional(origin, `Warm-up ${w}`), Date.now());
  }
  await sleep(3_000);

  // Idle traffic, to subtract from the propagation phase.
  const idleFrom = await regionBytes();
  await sleep(IDLE_WINDOW_MS);
  const idleTo = await regionBytes();
  const idleRate = (idleTo.out - idleFrom.out) / IDLE_WINDOW_MS;

  // Propagation: one listing at a time, from each box in turn.
  const before = await regionBytes();
  const cpuBefore = regionCpu();
  const phaseStart = Date.now();
  const all: number[] = [];
  const byHops = new Map<number, number[]>();
  const ids: string[] = [];
  let missing = 0;
  for (let k = 0; k < LISTINGS; k++) {
    const origin = boxes[k % BOXES]!;
    const postedAt = Date.now();
    const id = await postRegional(origin, `Bench listing ${k} from ${origin.name}`);
    ids.push(id);
    const got = await arrivals(origin, id, postedAt);
    for (const { box, ms } of got)
      if (ms !== null)
        byHops.set(hops(origin.index, box.index), [...(byHops.get(hops(origin.index, box.index)) ?? []), ms]);
    const lost = got.filter((g) => g.ms === null).length;
    missing += lost;
    if (lost === 0) all.push(Math.max(...got.map((g) => g.ms!)));
    await sleep(150);
  }
  await sleep(2_000); // the catch-up rounds that gossip set off
  const after = await regionBytes();
  const phaseMs = Date.now() - phaseStart;
  const phaseCpu = cpuSince(cpuBefore);
  sampleMemory('after propagation');
  const recordBytes = ids
    .map(
      (id) =>
        (
          boxes[1]!.reader.prepare('SELECT length(signed) AS n FROM listing_records WHERE listing_id = ?').get(id) as
            | { n: number }
            | undefined
        )?.n ?? 0,
    )
    .filter((n) => n > 0);
  const meanRecord = recordBytes.reduce((s, n) => s + n, 0) / Math.max(1, recordBytes.length);
  const gross = after.out - before.out;
  const net = gross - idleRate * phaseMs;

  lines.push('');
  lines.push(
    `propagation of a listing to all ${BOXES - 1} other boxes (${LISTINGS} listings, posted one at a time ` +
      `through the API, each box in turn):`,
  );
  const missingNote = missing ? ` (${missing} arrivals missing after ${ARRIVAL_TIMEOUT_MS / 1000} s)` : '';
  lines.push(`  reached every box: ${all.length}/${LISTINGS}${missingNote}`);
  lines.push(
    `  time from POST to the last box: median ${quantile(all, 0.5).toFixed(0)} ms, p95 ` +
      `${quantile(all, 0.95).toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms`,
  );
  for (const [h, values] of [...byHops].sort((a, b) => a[0] - b[0])) {
    lines.push(
      `  arrival at a box ${h} hop${h === 1 ? '' : 's'} from the origin: median ` +
        `${quantile(values, 0.5).toFixed(0)} ms, p95 ${quantile(values, 0.95).toFixed(0)} ms (${values.length} ` +
        `arrivals)`,
    );
  }
  lines.push('');
  lines.push('bytes on peer connections (TCP payload written, all boxes summed; web/API traffic excluded):');
  lines.push(
    `  idle: ${(idleRate * 1000).toFixed(0)} B/s across the region (measured over ${IDLE_WINDOW_MS / 1000} s)`,
  );
  lines.push(
    `  during propagation: ${kb(gross)} in ${(phaseMs / 1000).toFixed(1)} s; less idle ${kb(net)}; read back ` +
      `${kb(after.in - before.in)} (should match)`,
  );
  lines.push(
    `  per listing: ${kb(net / LISTINGS)} across the region (${kb(net / LISTINGS / BOXES)} per box); one signed ` +
      `record is ${meanRecord.toFixed(0)} B, so ≈ ${(net / LISTINGS / meanRecord).toFixed(1)} record-sizes per ` +
      `listing`,
  );
  const per = (key: 'gossipValidated' | 'catchUpServed' | 'catchUpRuns') =>
    ((after[key] - before[key]) / LISTINGS).toFixed(1);
  lines.push(
    `  CPU: ${phaseCpu.toFixed(1)} s across the ten box processes in ${(phaseMs / 1000).toFixed(1)} s (≈ ` +
      `${((phaseCpu * 1000) / LISTINGS).toFixed(0)} ms per listing, posting included); peer connections open: ` +
      `${after.open} socket ends`,
  );
  lines.push(
    `  per listing, region-wide: ${per('gossipValidated')} gossip deliveries validated, ${per('catchUpRuns')} ` +
      `catch-ups run (a gap gossip leaves in an origin's sequence sets one off), ${per('catchUpServed')} ` +
      `catch-up requests answered`,
  );

  // Catch-up: a box misses MISSED records while it is off.
  const away = boxes[BOXES / 2]!;
  const origin = boxes[0]!;
  const inPlace = boxes.filter((b) => b !== away && b !== origin);
  await stop(away);
  const burstBefore = await regionBytes();
  const burstCpu = regionCpu();
  const seedStart = Date.now();
  const originDb = openDatabase(path.join(origin.dir, 'marketcross.db'));
  try {
    for (let done = 0; done < MISSED; ) {
      const size = Math.min(SEED_BATCH, MISSED - done);
      try {
        await immediateTransaction(originDb.db, async (trx) => {
          for (let n = done; n < done + size; n++) {
            const exact = {
              lat: origin.lat + ((n % 100) - 50) * 0.0002,
              lon: origin.lon + ((Math.floor(n / 100) % 100) - 50) * 0.0003,
            };
            await postListing(
              trx,
              origin.steward,
              {
                input: {
                  kind: n % 3 === 0 ? 'want' : 'offer',
                  title: `Missed listing ${n}`,
                  description: 'Written while a sibling was away.',
                  category: 'goods',
                  terms: { type: 'free' },
                  visibility: { type: 'public' },
                  regional: true,
                },
                exact,
                photo: null,
              },
              new Date(),
            );
          }
        });
        done += size;
        // Let the running origin take the write lock to sign what is there, as it would between members' posts.
        await sleep(100);
      } catch (error) {
        if (!/busy|locked/i.test((error as Error).message)) throw error;
        await sleep(200); // the running origin holds the write lock while it signs a batch: try again
      }
    }
  } finally {
    await originDb.close();
  }
  const seeded = Date.now();
  // The origin signs them on its next ticks; then the region takes them in by gossip and catch-up.
  const issued = await until(
    'the origin to sign them all',
    () => {
      const queued = (origin.reader.prepare('SELECT COUNT(*) AS n FROM regional_changes').get() as { n: number }).n;
      return queued === 0 ? horizon(origin, origin.peerId) : undefined;
    },
    ABSORB_TIMEOUT_MS,
    250,
  );
  const signedAt = Date.now();
  const expected = (
    origin.reader
      .prepare("SELECT COUNT(*) AS n FROM listing_records WHERE origin = ? AND op = 'upsert'")
      .get(origin.peerId) as { n: number }
  ).n;
  const absorbed = await until(
    'the region to hold them',
    () => inPlace.every((b) => remoteCount(b, origin.peerId) >= expected && horizon(b, origin.peerId) >= (issued ?? 0)),
    ABSORB_TIMEOUT_MS,
    500,
  );
  const absorbedAt = Date.now();
  sampleMemory('after the burst');
  const burstCpuSeconds = cpuSince(burstCpu);
  const before2 = await regionBytes();
  const burstAfter = before2;
  const othersCpu = regionCpu();
  const restartAt = Date.now();
  await start(away);
  const caughtUp = await until(
    `${away.name} to catch up`,
    () => remoteCount(away, origin.peerId) >= expected,
    CATCH_UP_TIMEOUT_MS,
    100,
  );
  const caughtUpAt = Date.now();
  const awayCpu = running(away) ? cpuSeconds(away.child!.pid!) : NaN;
  const othersCatchUpCpu = cpuSince(othersCpu, (b) => b !== away);
  const after2 = await regionBytes();
  sampleMemory('after catch-up');

  lines.push('');
  lines.push(
    `catch-up (${away.name}, ${hops(away.index, origin.index)} hops from ${origin.name}, off while ` +
      `${origin.name} wrote ${MISSED} regional listings):`,
  );
  lines.push(
    `  written into ${origin.name}'s database in ${((seeded - seedStart) / 1000).toFixed(1)} s; signed and ` +
      `gossiped by ${origin.name} ${((signedAt - seeded) / 1000).toFixed(1)} s later (up to seq ${issued})`,
  );
  const absorbedWhen = absorbed
    ? `${((absorbedAt - signedAt) / 1000).toFixed(1)} s after that`
    : `NOT within ${ABSORB_TIMEOUT_MS / 1000} s`;
  lines.push(`  the other ${inPlace.length} boxes held all ${expected} live records of ${origin.name} ${absorbedWhen}`);
  lines.push(
    `  meanwhile: ${burstCpuSeconds.toFixed(0)} CPU s across the ${inPlace.length + 1} running boxes; on peer ` +
      `connections ${kb(burstAfter.out - burstBefore.out)} (≈ ` +
      `${((burstAfter.out - burstBefore.out) / MISSED / (inPlace.length + 1)).toFixed(0)} B per record per box), ` +
      `${burstAfter.gossipValidated - burstBefore.gossipValidated} gossip deliveries validated, ` +
      `${burstAfter.catchUpServed - burstBefore.catchUpServed} catch-up requests answered`,
  );
  lines.push(
    caughtUp
      ? `  ${away.name} held all ${expected}: ${((caughtUpAt - restartAt) / 1000).toFixed(1)} s after its ` +
          `restart (${((caughtUpAt - away.listeningAt) / 1000).toFixed(1)} s after it listened), ≈ ` +
          `${(MISSED / ((caughtUpAt - away.listeningAt) / 1000)).toFixed(0)} records/s`
      : `  ${away.name} did NOT hold them all within ${CATCH_UP_TIMEOUT_MS / 1000} s (it had ` +
          `${remoteCount(away, origin.peerId)})`,
  );
  lines.push(
    `  CPU meanwhile: ${awayCpu.toFixed(1)} s in ${away.name}'s process (start-up included), ` +
      `${othersCatchUpCpu.toFixed(1)} s in the other ${BOXES - 1} together`,
  );
  lines.push(
    `  bytes on peer connections while it caught up: ${kb(after2.out - before2.out)} (≈ ` +
      `${((after2.out - before2.out) / MISSED).toFixed(0)} B per missed record); region-wide meanwhile: ` +
      `${after2.catchUpServed - before2.catchUpServed} catch-up requests answered (pages of up to 500), ` +
      `${after2.gossipValidated - before2.gossipValidated} gossip deliveries validated (records it accepted by ` +
      `catch-up and gossiped on, for siblings known to lack them)`,
  );

  lines.push('');
  reportMemoryAndWarnings();
}, 15 * 60_000);

afterAll(async () => {
  await Promise.all(boxes.map(stop));
  for (const box of boxes) box.reader?.close();
  console.log(`\nFederation benchmark: ${BOXES} boxes on loopback\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 120_000);

describe('federation across ten boxes', () => {
  // vitest bench needs a bench to run the hooks; the figures that matter are in the table printed at the end.
  bench('placeholder for the table above', () => {}, { iterations: 1, time: 0 });
});
