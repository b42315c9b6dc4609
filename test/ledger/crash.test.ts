import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { ensureSetupCode } from '../../src/community/setup-code.js';
import { setUpCommunity } from '../../src/community/setup.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { insertMember } from '../../src/members/members.queries.js';
import { packageRoot } from '../../src/paths.js';
import { DISS, STEWARD } from '../helpers/box.js';
import { ledgerInvariants } from './ledger-db.js';
import { freePort } from '../helpers/ports.js';

/**
 * A box is killed with SIGKILL while a client streams API payments at it, then
 * restarted. Every payment answered 201 must be there exactly once (with its
 * two entries), the database must pass `PRAGMA integrity_check`, and every
 * currency must still sum to zero. Payments whose answer was lost are sent
 * again with the same idempotency key and must not be made twice.
 *
 * The box runs the compiled app (`marketcross serve`) in a child process, as
 * on a real box: compiled once into a temporary folder that links the
 * checkout's package.json, views and node_modules.
 */

const MEMBERS = 4;
const CONCURRENCY = 4;

let work: string;
let dataDir: string;
let port: number;
const tokens: string[] = [];
const handles: string[] = [];

function startBox(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.join(work, 'dist/src/main.js'), 'serve', '--data-dir', dataDir, '--port', String(port), '--no-p2p'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the box did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the box exited (${code}): ${output}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

interface Sent {
  key: string;
  from: number;
  to: number;
  answer: 'created' | 'refused' | 'lost';
  id?: string;
}

async function sendPayment(sent: Sent): Promise<void> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[sent.from]}` },
      body: JSON.stringify({
        to: handles[sent.to],
        amount: 1,
        currency: 'DHR',
        description: 'Crash test',
        idempotency_key: sent.key,
      }),
    });
    const body = (await response.json()) as { transfer?: { id: string } };
    if (response.status === 201) {
      sent.answer = 'created';
      sent.id = body.transfer!.id;
    } else sent.answer = 'refused';
  } catch {
    sent.answer = 'lost'; // the box died before answering
  }
}

describe('crash safety', () => {
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-crash-'));
    for (const name of ['package.json', 'views', 'node_modules'])
      fs.symlinkSync(path.join(packageRoot, name), path.join(work, name));
    execFileSync(
      process.execPath,
      [
        path.join(packageRoot, 'node_modules/typescript/bin/tsc'),
        '-p',
        path.join(packageRoot, 'tsconfig.build.json'),
        '--outDir',
        path.join(work, 'dist'),
      ],
      { stdio: 'pipe' },
    );

    dataDir = path.join(work, 'data');
    const database = openDatabase(path.join(dataDir, 'marketcross.db'));
    await migrateToLatest(database.db);
    await ensureSetupCode(database.db);
    const now = new Date();
    await setUpCommunity(
      database.db,
      {
        community_name: 'PlaNet Diss',
        region: 'South Norfolk',
        lat: DISS.lat,
        lon: DISS.lon,
        vouches_required: 2,
        steward_name: STEWARD.name,
        steward_contact: STEWARD.email,
        password: STEWARD.password,
        about: '',
      },
      now,
    );
    for (let i = 0; i < MEMBERS; i++) {
      const member = await insertMember(
        database.db,
        {
          displayName: `Crash ${i}`,
          kind: 'person',
          email: `crash${i}@example.org`,
          phone: null,
          passwordHash: 'x',
          status: 'active',
          role: 'member',
          whyJoin: '',
          lat: DISS.lat,
          lon: DISS.lon,
          placeId: null,
        },
        now,
      );
      handles.push(member.handle);
      tokens.push(await createApiToken(database.db, member.id, 'crash test', now));
    }
    await database.close();
    port = await freePort();
  }, 120_000);

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('keeps every answered payment exactly once across a SIGKILL, with an intact database that sums to zero', async () => {
    let box = await startBox();
    const sent: Sent[] = [];
    let killed = false;
    // Kill the box at a random moment once payments are flowing, with requests in flight.
    const killAfter = 100 + crypto.randomInt(200);
    const stream = async (lane: number) => {
      for (let n = 0; !killed && n < 2_000; n++) {
        const from = (lane + n) % MEMBERS;
        const payment: Sent = { key: crypto.randomUUID(), from, to: (from + 1) % MEMBERS, answer: 'lost' };
        sent.push(payment);
        if (sent.length === killAfter) {
          killed = true;
          box.kill('SIGKILL');
        }
        await sendPayment(payment);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, lane) => stream(lane)));
    await exited(box);
    expect(box.signalCode).toBe('SIGKILL');
    const created = sent.filter((s) => s.answer === 'created');
    const lost = sent.filter((s) => s.answer === 'lost');
    expect(created.length).toBeGreaterThan(50);
    expect(lost.length).toBeGreaterThan(0);

    // Restarted, the box answers the lost payments' keys: each is made at most once, whether it landed before the kill
    // or not.
    box = await startBox();
    for (const payment of lost) await sendPayment(payment);
    expect(lost.every((p) => p.answer === 'created')).toBe(true);
    box.kill('SIGTERM');
    await exited(box);

    const database = openDatabase(path.join(dataDir, 'marketcross.db'));
    try {
      const db = database.db;
      expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)).rows).toEqual([
        { integrity_check: 'ok' },
      ]);
      const rows = await db.selectFrom('transfers').select(['id', 'idempotency_key']).execute();
      const byId = new Map(rows.map((r) => [r.id, r.idempotency_key]));
      for (const payment of [...created, ...lost]) expect(byId.get(payment.id!), payment.key).toBe(payment.key);
      // Exactly once: no key has two transfers, and every transfer came from a payment the client sent.
      const keys = rows.map((r) => r.idempotency_key);
      expect(new Set(keys).size).toBe(keys.length);
      const sentKeys = new Set(sent.map((s) => s.key));
      expect(keys.every((k) => sentKeys.has(k))).toBe(true);
      expect(rows.length).toBe(created.length + lost.length);
      const inv = await ledgerInvariants(db);
      expect(inv.sums.every((s) => s.balances === 0 && s.entries === 0)).toBe(true);
      expect(inv.outsideLimits + inv.balancesNotEntries + inv.transfersWithoutTheirEntries).toBe(0);
    } finally {
      await database.close();
    }
  }, 120_000);
});
