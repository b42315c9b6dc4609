import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { createApiToken } from '../../../src/auth/api-tokens.js';
import { ensureSetupCode } from '../../../src/community/setup-code.js';
import { setUpCommunity } from '../../../src/community/setup.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { openDatabase } from '../../../src/db/open.js';
import { DEMO_REGION } from '../../../src/demo/town.js';
import type { Actor } from '../../../src/auth/actor.js';
import { loadOrCreateIdentity } from '../../../sync/identity.js';
import { freePort } from '../../helpers/ports.js';

/**
 * The region the federation benchmark runs (test/bench/federation.bench.ts): its size and timings, the ten towns,
 * and how a box is prepared, started, stopped, measured (bytes on peer connections, CPU, memory) and asked what it
 * holds. State shared with the benchmark (the boxes, the report's lines) is exported as live bindings.
 */

export const BOXES = 10;
/** Connected neighbours on each side of the ring. */
export const REACH = 2;
export const LISTINGS = Number(process.env.MARKETCROSS_BENCH_LISTINGS ?? 60);
export const MISSED = Number(process.env.MARKETCROSS_BENCH_MISSED ?? 10_000);
export const SEED_BATCH = 500;
/** Upper bounds, so the bench always ends. */
export const ARRIVAL_TIMEOUT_MS = 20_000;
export const ABSORB_TIMEOUT_MS = 240_000;
export const CATCH_UP_TIMEOUT_MS = 240_000;
export const IDLE_WINDOW_MS = 10_000;
export const UNREACHABLE = '/ip4/127.0.0.1/tcp/1';

/** Ten real towns around the Waveney, in ring order. */
const TOWNS = [
  { name: 'Diss', lat: 52.3765, lon: 1.1077 },
  { name: 'Long Stratton', lat: 52.488, lon: 1.231 },
  { name: 'Harleston', lat: 52.4033, lon: 1.2994 },
  { name: 'Bungay', lat: 52.456, lon: 1.437 },
  { name: 'Halesworth', lat: 52.344, lon: 1.502 },
  { name: 'Framlingham', lat: 52.222, lon: 1.344 },
  { name: 'Eye', lat: 52.3206, lon: 1.1477 },
  { name: 'Stowmarket', lat: 52.189, lon: 0.997 },
  { name: 'Botesdale', lat: 52.3425, lon: 1.001 },
  { name: 'East Harling', lat: 52.438, lon: 0.929 },
] as const;

/** Preloaded into each box: counts the bytes of its peer connections and answers over the IPC channel. */
const COUNTER = `
import dc from 'node:diagnostics_channel';
export const ports = new Set((process.env.MARKETCROSS_BENCH_P2P_PORTS || '').split(',').filter(Boolean).map(Number));
export const live = new Set();
export const closed = { out: 0, in: 0, connections: 0 };
export function count(socket) {
  live.add(socket);
  closed.connections++;
  socket.once('close', () => {
    live.delete(socket);
    closed.out += socket.bytesWritten;
    closed.in += socket.bytesRead;
  });
}
dc.subscribe('net.server.socket', ({ socket }) => { if (ports.has(socket.localPort)) count(socket); });
dc.subscribe('net.client.socket', ({ socket }) =>
  socket.once('connect', () => { if (ports.has(socket.remotePort)) count(socket); }),
);
// How often the sync service validates a gossiped record (first copies only: gossipsub drops repeats before
// validation), answers a catch-up request (one page), and runs a catch-up (one or more pages). Counted by wrapping
// the parts' methods on the prototypes of the very modules the box runs; nothing in sync/ changes.
export const calls = { gossipValidated: 0, catchUpServed: 0, catchUpRuns: 0 };
const parts = [
  ['gossip/validator.js', 'GossipValidator', 'validate', 'gossipValidated'],
  ['catch-up/server.js', 'CatchUpServer', 'serve', 'catchUpServed'],
  ['catch-up/client.js', 'CatchUpClient', 'rounds', 'catchUpRuns'],
];
for (const [file, name, method, key] of parts) {
  const part = (await import(new URL(file, process.env.MARKETCROSS_BENCH_SYNC_DIR).href))[name];
  const original = part?.prototype[method];
  if (typeof original !== 'function') continue;
  part.prototype[method] = function (...args) { calls[key]++; return original.apply(this, args); };
}
process.on('message', (m) => {
  if (m !== 'p2p-bytes?') return;
  let out = closed.out, inb = closed.in;
  for (const s of live) { out += s.bytesWritten; inb += s.bytesRead; }
  process.send({ out, in: inb, connections: closed.connections, open: live.size, ...calls });
});
process.channel?.unref();
`;

export interface Box {
  index: number;
  name: string;
  lat: number;
  lon: number;
  dir: string;
  p2pPort: number;
  peerId: string;
  token: string;
  steward: Actor;
  url: string;
  child: ChildProcess | null;
  exited: Promise<void>;
  listeningAt: number;
  reader: BetterSqlite3.Database;
  warnings: string[];
  memory: Record<string, { rss: number; hwm: number }>;
}

export const lines: string[] = [];
export let root: string;
let counterFile: string;

/** Makes the region's folder, and in it the byte counter each box preloads. */
export function makeRegionFolder(): void {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-federation-'));
  counterFile = path.join(root, 'count-peer-bytes.mjs');
  fs.writeFileSync(counterFile, COUNTER);
}
export const boxes: Box[] = [];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const ringDistance = (a: number, b: number) => Math.min(Math.abs(a - b), BOXES - Math.abs(a - b));
export const hops = (a: number, b: number) => Math.ceil(ringDistance(a, b) / REACH);

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 20,
): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      lines.push(`(gave up waiting for ${what} after ${timeoutMs / 1000} s)`);
      return null;
    }
    await sleep(everyMs);
  }
}

export const running = (box: Box) => box.child !== null && box.child.exitCode === null && box.child.signalCode === null;

export function memoryMb(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s on Linux). */
export function cpuSeconds(pid: number): number {
  const fields = fs
    .readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime and stime: fields 14 and 15 of stat(5)
}

/** CPU seconds used so far by each running box, by name. */
export function regionCpu(): Map<string, number> {
  return new Map(boxes.filter(running).map((b) => [b.name, cpuSeconds(b.child!.pid!)]));
}

export function cpuSince(start: Map<string, number>, only?: (box: Box) => boolean): number {
  return boxes
    .filter(running)
    .filter((b) => !only || only(b))
    .reduce((sum, b) => sum + cpuSeconds(b.child!.pid!) - (start.get(b.name) ?? 0), 0);
}

export function sampleMemory(label: string): void {
  for (const box of boxes) if (running(box)) box.memory[label] = memoryMb(box.child!.pid!);
}

/** A set-up community with a steward who has an API token, the box's key, and nothing else. */
export async function prepare(index: number): Promise<Box> {
  const town = TOWNS[index]!;
  const dir = path.join(root, town.name.toLowerCase().replace(/\W+/g, '-'));
  const database = openDatabase(path.join(dir, 'marketcross.db'));
  try {
    await migrateToLatest(database.db, () => {});
    await ensureSetupCode(database.db);
    const now = new Date();
    const { stewardId, stewardHandle } = await setUpCommunity(
      database.db,
      {
        community_name: town.name,
        region: DEMO_REGION,
        lat: town.lat,
        lon: town.lon,
        vouches_required: 2,
        steward_name: `${town.name} Steward`,
        steward_contact: `steward@${path.basename(dir)}.example.org`,
        password: 'bench-steward-password',
        about: '',
      },
      now,
    );
    const token = await createApiToken(database.db, stewardId, 'bench', now);
    const identity = await loadOrCreateIdentity(dir);
    return {
      index,
      name: town.name,
      lat: town.lat,
      lon: town.lon,
      dir,
      p2pPort: await freePort(),
      peerId: identity.peerId.toString(),
      token,
      steward: {
        id: stewardId,
        handle: stewardHandle,
        displayName: `${town.name} Steward`,
        role: 'steward',
        status: 'active',
      },
      url: '',
      child: null,
      exited: Promise.resolve(),
      listeningAt: 0,
      reader: null as unknown as BetterSqlite3.Database,
      warnings: [],
      memory: {},
    };
  } finally {
    await database.close();
  }
}

/** Starts the box's `marketcross serve` and resolves once it serves the web and listens for peers. */
export function start(box: Box): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      pathToFileURL(counterFile).href,
      'dist/src/main.js',
      'serve',
      '--data-dir',
      box.dir,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--p2p-listen',
      `/ip4/127.0.0.1/tcp/${box.p2pPort}`,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        MARKETCROSS_BENCH_P2P_PORTS: boxes.map((b) => b.p2pPort).join(','),
        MARKETCROSS_BENCH_SYNC_DIR: `${pathToFileURL(path.resolve('dist/sync')).href}/`,
      },
    },
  );
  box.child = child;
  box.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let serving = false;
    let listening = false;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = /is serving (http:\/\/\S+)/.exec(line);
      if (url) {
        box.url = url[1]!;
        serving = true;
      }
      if (line.startsWith('sync: peer id')) {
        box.listeningAt = Date.now();
        listening = true;
      }
      if (/failed/.test(line)) box.warnings.push(line);
      if (serving && listening) resolve();
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => box.warnings.push(line));
    child.once('exit', (code) =>
      reject(new Error(`${box.name}'s box exited with ${code}: ${box.warnings.slice(-3).join(' | ')}`)),
    );
  });
}

export async function stop(box: Box): Promise<void> {
  if (!running(box)) return;
  box.child!.kill('SIGTERM');
  const stopped = await Promise.race([box.exited.then(() => true), sleep(20_000).then(() => false)]);
  if (!stopped) box.child!.kill('SIGKILL');
  await box.exited;
}

export interface Counts {
  out: number;
  in: number;
  connections: number;
  open: number;
  gossipValidated: number;
  catchUpServed: number;
  catchUpRuns: number;
}

function p2pBytes(box: Box): Promise<Counts> {
  const child = box.child!;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${box.name} did not report its bytes`)), 5_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as Counts);
    });
    child.send('p2p-bytes?');
  });
}

/** The counts of every running box, summed. */
export async function regionBytes(): Promise<Counts> {
  const counts = await Promise.all(boxes.filter(running).map(p2pBytes));
  const sum = (key: keyof Counts) => counts.reduce((s, c) => s + c[key], 0);
  return {
    out: sum('out'),
    in: sum('in'),
    connections: sum('connections'),
    open: sum('open'),
    gossipValidated: sum('gossipValidated'),
    catchUpServed: sum('catchUpServed'),
    catchUpRuns: sum('catchUpRuns'),
  };
}

export async function postRegional(box: Box, title: string): Promise<string> {
  const response = await fetch(`${box.url}/api/v1/listings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${box.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'offer',
      title,
      description: `Posted at ${box.name} by the federation bench.`,
      category: 'goods',
      terms: 'free',
      visibility: 'public',
      regional: true,
      location: { lat: box.lat + 0.003, lon: box.lon + 0.003 },
    }),
  });
  if (response.status !== 201) throw new Error(`posting at ${box.name}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { listing: { id: string } }).listing.id;
}

const receivedAt = (box: Box, id: string) =>
  (
    box.reader.prepare('SELECT received_at FROM remote_listings WHERE id = ?').get(id) as
      | { received_at: string }
      | undefined
  )?.received_at;
export const remoteCount = (box: Box, origin: string) =>
  (box.reader.prepare('SELECT COUNT(*) AS n FROM remote_listings WHERE origin = ?').get(origin) as { n: number }).n;
export const horizon = (box: Box, origin: string) =>
  (
    box.reader.prepare('SELECT complete_seq AS s FROM listing_record_progress WHERE origin = ?').get(origin) as
      | { s: number }
      | undefined
  )?.s ?? 0;

/**
 * Waits until every other box holds the listing; the arrival time at each box by its own clock, or null where it never
 * came.
 */
export async function arrivals(origin: Box, id: string, postedAt: number): Promise<{ box: Box; ms: number | null }[]> {
  const others = boxes.filter((b) => b !== origin);
  await until(
    `listing ${id} everywhere`,
    () => others.every((b) => receivedAt(b, id) !== undefined),
    ARRIVAL_TIMEOUT_MS,
  );
  return others.map((box) => {
    const at = receivedAt(box, id);
    return { box, ms: at === undefined ? null : Date.parse(at) - postedAt };
  });
}
