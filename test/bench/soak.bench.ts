import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { openDatabase } from '../../src/db/open.js';
import { DEMO_STEWARD } from '../../src/demo/diss-first-members.data.js';
import { DEMO_PASSWORD } from '../../src/demo/diss.data.js';
import { findCurrencies } from '../../src/ledger/currencies.queries.js';
import { findMembersWithStatus } from '../../src/members/members.queries.js';
import { memoryMb, productionLaunch, resetPeak, serveBuiltBox, signInCookie, UNIT } from './launch.js';
import { Gate, Load, percentile } from './soak/load.js';
import { type Account, type Community, member, SEARCHES, visitor } from './soak/people.js';

/**
 * The soak (issue 12): VISITORS visitors and MEMBERS members at once for SOAK_SECONDS against a demo community
 * (`marketcross demo`), the box started as the systemd unit starts it (its node flags and `Environment=` lines) in
 * its own process on 127.0.0.1, peer layer on. Visitors search and open listings; members sign in through the form,
 * search, open listings and their own pages, and pay each other through the API with their tokens. Every request goes
 * through one keep-alive pool of at most VISITORS + MEMBERS connections. The bench fails on any network error or
 * answer 5xx; it reports the latencies (p50, p99) by kind of request and the box's RSS (sampled every 100 ms, and the
 * kernel's peak, VmHWM, reset when the load starts). Run with `npm run bench`.
 */
const SOAK_SECONDS = Number(process.env.MARKETCROSS_SOAK_SECONDS ?? 60);
const VISITORS = 100;
const MEMBERS = 100;
/** Sign-ins under way at once: below the box's throttle of 20 per address, which every soak member shares. */
const SIGN_INS_AT_ONCE = 10;

const lines: string[] = [];
let dataDir: string;

/** The demo's active members, each with a fresh API token, and the community's own currency. */
async function accountsOf(dir: string): Promise<{ accounts: Account[]; currency: string }> {
  const database = openDatabase(path.join(dir, 'marketcross.db'));
  try {
    const now = new Date();
    const accounts: Account[] = [];
    for (const m of await findMembersWithStatus(database.db, ['active'])) {
      const token = await createApiToken(database.db, m.id, 'soak', now);
      accounts.push({ handle: m.handle, contact: (m.email ?? m.phone)!, password: DEMO_PASSWORD, token });
    }
    return { accounts, currency: (await findCurrencies(database.db))[0]!.code };
  } finally {
    await database.close();
  }
}

/** The listing pages found on the search pages, as a visitor and as a member (who sees members-only ones too). */
async function listingsOn(url: string, cookie: string): Promise<string[]> {
  const found = new Set<string>();
  for (const search of SEARCHES) {
    const response = await fetch(url + search, { headers: { cookie } });
    if (!response.ok) throw new Error(`${search} answered ${response.status}`);
    for (const [link] of (await response.text()).matchAll(/\/listings\/[0-9a-f-]{36}(?=")/g)) found.add(link);
  }
  if (found.size === 0) throw new Error('no listings on the search pages');
  return [...found];
}

function report(load: Load, seconds: number): void {
  const all = [...load.latencies.values()].flat();
  const statuses = [...load.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n} × ${status}`);
  lines.push(
    `${all.length} requests in ${seconds.toFixed(0)} s (${(all.length / seconds).toFixed(0)} req/s): ` +
      `${statuses.join(', ')}; ` +
      `${load.networkErrors.length} network errors, ${load.serverErrors.length} answers 5xx`,
    `all requests: p50 ${percentile(all, 50).toFixed(0)} ms, p99 ${percentile(all, 99).toFixed(0)} ms`,
  );
  const p = (times: number[], rank: number) => percentile(times, rank).toFixed(0);
  for (const [kind, times] of [...load.latencies].sort(([a], [b]) => (a < b ? -1 : 1)))
    lines.push(`  ${kind}: ${times.length}, p50 ${p(times, 50)} ms, p99 ${p(times, 99)} ms`);
}

async function soak(community: Community, url: string, pid: number): Promise<Load> {
  const load = new Load(url, VISITORS + MEMBERS);
  const idle = memoryMb(pid).rss;
  const loadOnlyPeak = resetPeak(pid);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(memoryMb(pid).rss), 100);
  const started = Date.now();
  const until = started + SOAK_SECONDS * 1000;
  const signIns = new Gate(SIGN_INS_AT_ONCE);
  await Promise.all([
    ...Array.from({ length: VISITORS }, () => visitor(load, community, until)),
    ...Array.from({ length: MEMBERS }, (_, i) => member(load, community, i, signIns, until)),
  ]);
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  load.close();
  report(load, seconds);
  lines.push(
    `box RSS: idle ${idle.toFixed(0)} MB before the load, peak ${Math.max(...samples).toFixed(0)} MB sampled / ` +
      `${memoryMb(pid).hwm.toFixed(0)} MB VmHWM${loadOnlyPeak ? ' during the load' : ' (since start)'}`,
  );
  return load;
}

beforeAll(async () => {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-soak-'));
  execFileSync(process.execPath, ['dist/src/main.js', 'demo', '--data-dir', dataDir], { stdio: 'ignore' });
  const { accounts, currency } = await accountsOf(dataDir);
  const launch = productionLaunch();
  lines.push(
    `machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ` +
      `Node ${process.version}; load average at the start ${os.loadavg()[0]!.toFixed(1)}`,
    `${VISITORS} visitors and ${MEMBERS} members (${accounts.length} demo accounts) for ${SOAK_SECONDS} s; ` +
      `started as ${UNIT} starts it: node ${launch.nodeFlags.join(' ')}`,
  );
  const box = await serveBuiltBox(dataDir, launch);
  try {
    const steward = await signInCookie(box.url, DEMO_STEWARD.contact, DEMO_PASSWORD);
    const community: Community = {
      visitorListings: await listingsOn(box.url, ''),
      memberListings: await listingsOn(box.url, steward),
      accounts,
      currency,
    };
    const load = await soak(community, box.url, box.child.pid!);
    const failures = [...load.networkErrors, ...load.serverErrors];
    if (failures.length > 0) {
      console.log(`\nSoak\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
      lines.length = 0;
      throw new Error(`the soak failed: ${failures.length} errors, first ${failures.slice(0, 10).join('; ')}`);
    }
  } finally {
    box.child.kill('SIGTERM');
    await new Promise((resolve) => box.child.once('exit', resolve));
  }
}, 15 * 60_000);

afterAll(() => {
  if (lines.length > 0)
    console.log(`\nSoak (goal: 0 network errors, 0 answers 5xx)\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('soak: visitors and members at once', () => {
  // vitest bench needs a bench to run the hooks; the figures that matter are in the table printed at the end.
  bench('placeholder for the table above', () => {}, { iterations: 1, time: 0 });
});
