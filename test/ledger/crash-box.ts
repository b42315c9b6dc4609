import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { ensureSetupCode } from '../../src/community/setup-code.js';
import { setUpCommunity } from '../../src/community/setup.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { insertMember } from '../../src/members/members.queries.js';
import { packageRoot } from '../../src/paths.js';
import { DISS, STEWARD } from '../helpers/box.js';
import { freePort } from '../helpers/ports.js';
import { findTransferKeys, integrityCheck } from './crash.queries.js';
import { ledgerInvariants } from './ledger-db.js';

/**
 * A box to kill: the compiled app (`marketcross serve`) run in a child process, as on a real box, compiled once into
 * a temporary folder that links the checkout's package.json, views and node_modules, with a set-up community whose
 * members each hold an API token. Shared by the crash test (a few kills) and the crash benchmark (a hundred).
 */
export interface CrashBox {
  work: string;
  dataDir: string;
  port: number;
  tokens: string[];
  handles: string[];
}

/** Node flags and environment to start the box with (the benchmark gives the systemd unit's). */
export interface Launch {
  nodeFlags: string[];
  env: Record<string, string>;
}

const NO_FLAGS: Launch = { nodeFlags: [], env: {} };

/** One payment the client sent, and what became of it. */
export interface Sent {
  key: string;
  from: number;
  to: number;
  answer: 'created' | 'refused' | 'lost';
  id?: string;
}

export async function prepareCrashBox(members: number): Promise<CrashBox> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-crash-'));
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

  const dataDir = path.join(work, 'data');
  const database = openDatabase(path.join(dataDir, 'marketcross.db'));
  const tokens: string[] = [];
  const handles: string[] = [];
  try {
    await migrateToLatest(database.db);
    await ensureSetupCode(database.db);
    const now = new Date();
    const { lat, lon } = DISS;
    await setUpCommunity(
      database.db,
      {
        community_name: 'PlaNet Diss',
        region: 'South Norfolk',
        lat,
        lon,
        vouches_required: 2,
        steward_name: STEWARD.name,
        steward_contact: STEWARD.email,
        password: STEWARD.password,
        about: '',
      },
      now,
    );
    for (let i = 0; i < members; i++) {
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
          lat,
          lon,
          placeId: null,
        },
        now,
      );
      handles.push(member.handle);
      tokens.push(await createApiToken(database.db, member.id, 'crash test', now));
    }
  } finally {
    await database.close();
  }
  return { work, dataDir, port: await freePort(), tokens, handles };
}

export function removeCrashBox(box: CrashBox | undefined): void {
  if (box) fs.rmSync(box.work, { recursive: true, force: true });
}

function startBox(box: CrashBox, launch: Launch): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...launch.nodeFlags,
      path.join(box.work, 'dist/src/main.js'),
      'serve',
      '--data-dir',
      box.dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(box.port),
      '--no-p2p',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...launch.env } },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    // Generous: on a loaded two-core machine a box restarted straight after SIGKILL took over 30 s to say it serves.
    const timer = setTimeout(() => reject(new Error(`the box did not start: ${output}`)), 90_000);
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

async function sendPayment(box: CrashBox, sent: Sent): Promise<void> {
  try {
    const response = await fetch(`http://127.0.0.1:${box.port}/api/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${box.tokens[sent.from]}` },
      body: JSON.stringify({
        to: box.handles[sent.to],
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

/** What one round did: the signal that ended the box, and this round's payments by their first answer. */
export interface Round {
  signal: NodeJS.Signals | null;
  created: number;
  lost: number;
  /** Of the lost ones, how many were answered 201 when sent again with their key after the restart. */
  createdWhenSentAgain: number;
  /** The box restarted after the kill, still serving: the next round streams at it; stop it with `stopBox`. */
  restarted: ChildProcess;
}

/**
 * One crash: streams API payments at the box (started here unless `running` is given) from `concurrency` clients,
 * kills it with SIGKILL at a random moment once payments are flowing (100 to 300 payments in, with requests in
 * flight), restarts it and sends the payments whose answer was lost again with the same idempotency key. Appends
 * this round's payments to `sent`. The restarted box is left serving, so that a run of rounds starts it once each.
 */
export async function crashRound(
  box: CrashBox,
  sent: Sent[],
  { concurrency, launch = NO_FLAGS, running }: { concurrency: number; launch?: Launch; running?: ChildProcess },
): Promise<Round> {
  const members = box.handles.length;
  const mine: Sent[] = [];
  const child = running ?? (await startBox(box, launch));
  let killed = false;
  const killAfter = 100 + crypto.randomInt(200);
  const stream = async (lane: number) => {
    for (let n = 0; !killed && n < 2_000; n++) {
      const from = (lane + n) % members;
      const payment: Sent = { key: crypto.randomUUID(), from, to: (from + 1) % members, answer: 'lost' };
      mine.push(payment);
      if (mine.length === killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
      await sendPayment(box, payment);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, lane) => stream(lane)));
  await exited(child);
  const lost = mine.filter((s) => s.answer === 'lost');
  const refused = mine.filter((s) => s.answer === 'refused');

  const restarted = await startBox(box, launch);
  for (const payment of lost) await sendPayment(box, payment);
  sent.push(...mine);
  return {
    signal: child.signalCode,
    created: mine.length - lost.length - refused.length,
    lost: lost.length,
    createdWhenSentAgain: lost.filter((p) => p.answer === 'created').length,
    restarted,
  };
}

export async function stopBox(child: ChildProcess | undefined): Promise<void> {
  if (!child) return;
  child.kill('SIGTERM');
  await exited(child);
}

/** What the database holds after the crashes, against every payment the client sent. All zero (and `ok`) is safe. */
export interface CrashCheck {
  integrity: string[];
  /** Payments answered 201 (at first or when sent again) whose transfer is not there under their key. */
  lost: number;
  /** Idempotency keys held by more than one transfer. */
  duplicated: number;
  /** Transfers the client never sent, or sent but never saw answered 201. */
  unexplained: number;
  /** Currencies whose balances or entries do not sum to zero. */
  currenciesNotZero: number;
  /** Accounts outside their limits or whose balance is not their entries' sum, and transfers without their entries. */
  brokenInvariants: number;
}

/** Reads the database beside the restarted box (WAL lets another process read it), once the box is idle. */
export async function checkAfterCrashes(box: CrashBox, sent: Sent[]): Promise<CrashCheck> {
  const database = openDatabase(path.join(box.dataDir, 'marketcross.db'));
  try {
    const db = database.db;
    const rows = await findTransferKeys(db);
    const keyOf = new Map(rows.map((r) => [r.id, r.idempotency_key]));
    const acknowledged = sent.filter((s) => s.answer === 'created');
    const keys = rows.map((r) => r.idempotency_key);
    const acknowledgedKeys = new Set(acknowledged.map((s) => s.key));
    const invariants = await ledgerInvariants(db);
    return {
      integrity: await integrityCheck(db),
      lost: acknowledged.filter((s) => keyOf.get(s.id!) !== s.key).length,
      duplicated: keys.length - new Set(keys).size,
      unexplained: keys.filter((k) => !acknowledgedKeys.has(k)).length,
      currenciesNotZero: invariants.sums.filter((s) => s.balances !== 0 || s.entries !== 0).length,
      brokenInvariants:
        invariants.outsideLimits + invariants.balancesNotEntries + invariants.transfersWithoutTheirEntries,
    };
  } finally {
    await database.close();
  }
}

/** The check of a box that came through every crash safely. */
export const SAFE: CrashCheck = {
  integrity: ['ok'],
  lost: 0,
  duplicated: 0,
  unexplained: 0,
  currenciesNotZero: 0,
  brokenInvariants: 0,
};
