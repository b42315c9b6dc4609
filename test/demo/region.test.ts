import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningServerPid } from '../../src/backup/server-lock.js';
import { openDatabase } from '../../src/db/open.js';
import { cli } from '../cli/cli-io.js';

/**
 * `marketcross demo --region` as a user runs it: the built CLI in its own
 * process, which starts three `marketcross serve` processes (Diss, Eye,
 * Harleston) on 127.0.0.1, made siblings of each other. A listing shared in
 * Eye through the API must turn up in Diss's search; Ctrl-C (SIGINT) must
 * leave no box running.
 */

const ROOT = new URL('../..', import.meta.url).pathname;
let parent: string;
let launcher: ChildProcess;
let exited: Promise<number | null>;
const lines: string[] = [];
let webPort: number;
let p2pPort: number;
const pids: Record<string, number> = {};

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free ports on 127.0.0.1, away from the defaults a developer's own demo uses. */
async function freePorts(count: number, avoid: number[] = []): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if (ports.some((p) => avoid.includes(p))) continue;
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free ports');
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Output so far:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const dirOf = (town: string) => path.join(parent, town);

beforeAll(async () => {
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  } catch (error) {
    // tsc still emits when someone else's file has a type error; only a missing build is fatal.
    if (!fs.existsSync(path.join(ROOT, 'dist/src/main.js'))) throw error;
  }
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-region-'));
  webPort = await freePorts(3);
  p2pPort = await freePorts(3, [webPort, webPort + 1, webPort + 2]);
  launcher = spawn(
    process.execPath,
    [
      'dist/src/main.js',
      'demo',
      '--region',
      '--data-dir',
      parent,
      '--port',
      String(webPort),
      '--p2p-port',
      String(p2pPort),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  exited = new Promise((resolve) => launcher.once('exit', (code) => resolve(code)));
  readline.createInterface({ input: launcher.stdout! }).on('line', (line) => lines.push(line));
  readline.createInterface({ input: launcher.stderr! }).on('line', (line) => lines.push(line));
  await waitFor(
    'the three boxes',
    () => lines.some((l) => l.startsWith('Three federated DEMO boxes are running')),
    120_000,
  );
  for (const town of ['diss', 'eye', 'harleston']) pids[town] = runningServerPid(dirOf(town))!;
}, 240_000);

afterAll(async () => {
  // Whatever happened above, nothing of this test keeps running.
  if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
    launcher.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  }
  for (const pid of Object.values(pids)) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  if (parent) fs.rmSync(parent, { recursive: true, force: true });
}, 60_000);

describe('marketcross demo --region', () => {
  it("fills a data folder per town, makes them siblings, and prints each box's address and sign-in", () => {
    for (const town of ['diss', 'eye', 'harleston']) {
      expect(fs.existsSync(path.join(dirOf(town), 'marketcross.db')), town).toBe(true);
      expect(pids[town], town).toBeGreaterThan(0);
      expect(alive(pids[town]!)).toBe(true);
    }
    const text = lines.join('\n');
    expect(text).toContain('Diss: created the DEMO community PlaNet Diss');
    expect(text).toContain('Eye: siblings Diss (');
    expect(text).toMatch(
      new RegExp(`Diss\\s+http://127\\.0\\.0\\.1:${webPort}\\s+sign in: maggie@example\\.org / diss-demo-2026`),
    );
    expect(text).toMatch(
      new RegExp(
        `Eye\\s+http://127\\.0\\.0\\.1:${webPort + 1}\\s+sign in: ruth\\.mallows@example\\.org / eye-demo-2026`,
      ),
    );
    expect(text).toMatch(
      new RegExp(
        `Harleston\\s+http://127\\.0\\.0\\.1:${webPort + 2}\\s+` +
          'sign in: alan\\.brightwell@example\\.org / harleston-demo-2026',
      ),
    );
    // Each box's own lines carry its town.
    expect(text).toMatch(
      new RegExp(
        `^\\[Eye\\]\\s+sync: peer id 12D3KooW\\w+, listening on /ip4/127\\.0\\.0\\.1/tcp/${p2pPort + 1}/`,
        'm',
      ),
    );
    expect(text).toMatch(/^\[Harleston\]\s+Marketcross .* is serving/m);
  });

  it("a listing posted in Eye appears in Diss's search, labelled with its town", async () => {
    const token = await cli(['token', 'create', '--member', 'ruth-mallows', '--data-dir', dirOf('eye')]);
    expect(token.code).toBe(0);
    const word = `medlar${Date.now().toString(36).replace(/\d/g, '')}`;
    const posted = await fetch(`http://127.0.0.1:${webPort + 1}/api/v1/listings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.out.trim()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'offer',
        title: `Medlar jelly (${word})`,
        description: 'Six jars from the tree on Lowgate Street.',
        category: 'food',
        terms: 'free',
        visibility: 'public',
        regional: true,
      }),
    });
    expect(posted.status).toBe(201);
    const id = ((await posted.json()) as { listing: { id: string } }).listing.id;

    let found:
      | { id: string; title: string; town: string; origin: { name: string } | null; distance_m: number }
      | undefined;
    const started = Date.now();
    await waitFor(
      "the Eye listing in Diss's search",
      async () => {
        const search = await fetch(`http://127.0.0.1:${webPort}/api/v1/listings?q=${word}`);
        found = ((await search.json()) as { listings: NonNullable<typeof found>[] }).listings.find((l) => l.id === id);
        return found !== undefined;
      },
      30_000,
    );
    expect(found).toMatchObject({ title: `Medlar jelly (${word})`, origin: { name: 'Eye' } });
    expect(found!.distance_m).toBeGreaterThan(4_000); // Eye is ~6.6 km from Diss
    expect(Date.now() - started).toBeLessThan(30_000);

    // It is stored as a remote listing at Diss, and reached Harleston too.
    const diss = openDatabase(path.join(dirOf('diss'), 'marketcross.db'));
    try {
      expect(
        await diss.db.selectFrom('remote_listings').select(['title', 'town']).where('id', '=', id).executeTakeFirst(),
      ).toMatchObject({ title: `Medlar jelly (${word})` });
    } finally {
      await diss.close();
    }
    await waitFor(
      'the Eye listing at Harleston',
      async () => {
        const search = await fetch(`http://127.0.0.1:${webPort + 2}/api/v1/listings?q=${word}`);
        return ((await search.json()) as { listings: { id: string }[] }).listings.some((l) => l.id === id);
      },
      30_000,
    );
  }, 90_000);

  it('says so when one box dies, and keeps the others running', async () => {
    process.kill(pids.harleston!, 'SIGKILL');
    await waitFor(
      'the launcher to notice',
      () =>
        lines.some((l) =>
          /The Harleston box stopped unexpectedly \(signal SIGKILL\); Diss and Eye keep running/.test(l),
        ),
      15_000,
    );
    expect(alive(pids.diss!)).toBe(true);
    expect(alive(pids.eye!)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${webPort}/healthz`)).status).toBe(200);
  });

  it('Ctrl-C stops every box and leaves no process behind', async () => {
    launcher.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000)),
    ]);
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('Stopping Diss, Eye…');
    for (const town of ['diss', 'eye', 'harleston']) {
      expect(alive(pids[town]!), town).toBe(false);
      expect(runningServerPid(dirOf(town)), town).toBeNull();
    }
  }, 40_000);

  it('refuses to start when a port is taken, naming it and the flags to change', async () => {
    const base = await freePorts(3);
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(base + 1, '127.0.0.1', () => resolve()));
    try {
      const other = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-region-'));
      try {
        const run = await cli([
          'demo',
          '--region',
          '--data-dir',
          other,
          '--port',
          String(base),
          '--p2p-port',
          String(p2pPort),
        ]);
        expect(run.code).toBe(1);
        expect(run.err).toContain(`Port ${base + 1} on 127.0.0.1 (Eye's web port) is already in use`);
        expect(run.err).toContain('--port');
        expect(fs.readdirSync(other)).toEqual([]); // nothing made before the check
      } finally {
        fs.rmSync(other, { recursive: true, force: true });
      }
    } finally {
      taken.close();
    }
  });
});
