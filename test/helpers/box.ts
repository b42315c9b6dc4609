import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { Config, HttpsConfig } from '../../src/config.js';
import { type BoxHttps, setUpHttps } from '../../src/https/https.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open.js';
import { ensureSetupCode } from '../../src/community/setup-code.js';
import { setUpCommunity } from '../../src/community/setup.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { insertMember, type NewMember } from '../../src/members/members.queries.js';
import { HttpClient } from './client.js';
import { loadOrCreateIdentity } from '../../sync/identity.js';
import { SyncService, type SyncServiceInit } from '../../sync/service.js';
import { syncPort } from '../../src/federation/sync-port.js';
import type { WorkQueueSize } from '../../src/lib/work-queue.js';

/** A clock tests can move forward to reach expiries. */
class TestClock {
  constructor(public current = new Date('2026-11-22T10:00:00Z')) {}
  now = () => new Date(this.current);
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
  advanceDays(days: number): void {
    this.advanceMinutes(days * 24 * 60);
  }
}

/** A real box: a SpatiaLite database file in a temporary folder and the app listening on 127.0.0.1. */
export interface TestBox {
  readonly url: string;
  readonly app: App;
  readonly database: OpenDatabase;
  readonly config: Config;
  readonly clock: TestClock;
  readonly logs: string[];
  /** The peer layer, when asked for. */
  readonly sync: SyncService | null;
  /** HTTPS, when asked for. */
  readonly https: BoxHttps | null;
  client(): HttpClient;
  close(): Promise<void>;
}

export interface TestBoxOptions {
  /** Runs the peer layer too, listening on 127.0.0.1 (quick timers unless given). */
  sync?: Partial<SyncServiceInit>;
  /** Accept the pseudo-locale `en-XA` (test/i18n/pseudo-locale.test.ts). */
  pseudoLocale?: boolean;
  /** As MARKETCROSS_TRUST_PROXY: the box sits behind a reverse proxy that appends to `X-Forwarded-For`. */
  trustProxy?: boolean;
  /** A name for HTTPS (test/https/): the box serves it as `marketcross serve` does, its certificate ordered by hand. */
  https?: HttpsConfig;
  /** As MARKETCROSS_PUBLIC_URL: the one address links that leave the page are written with. */
  publicUrl?: string;
  /** How many photos are decoded at once and how many more wait (the box's own queue when not given). */
  photoQueue?: WorkQueueSize;
}

export async function startTestBox(options: TestBoxOptions = {}): Promise<TestBox> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-test-'));
  const config: Config = Object.freeze({
    dataDir,
    databaseFile: path.join(dataDir, 'marketcross.db'),
    host: '127.0.0.1',
    port: 0,
    secureCookies: false,
    trustProxy: options.trustProxy ?? false,
    publicUrl: options.publicUrl ?? null,
    p2pListen: [],
    p2pMdns: false,
    pseudoLocale: options.pseudoLocale ?? false,
    https: options.https ?? null,
  });
  const database = openDatabase(config.databaseFile);
  await migrateToLatest(database.db);
  const clock = new TestClock();
  const logs: string[] = [];
  const sync = options.sync
    ? new SyncService(
        {
          box: syncPort(database.db),
          identity: await loadOrCreateIdentity(dataDir),
          now: clock.now,
          log: (line) => logs.push(line),
        },
        { listen: ['/ip4/127.0.0.1/tcp/0'], tickMs: 200, firstRedialMs: 200, maxRedialMs: 2_000, ...options.sync },
      )
    : null;
  const log = (line: string) => logs.push(line);
  const https = setUpHttps(config, log);
  const app = await createApp(config, database, {
    log,
    now: clock.now,
    federation: sync,
    https: https?.serving,
    photoQueue: options.photoQueue,
  });
  const url = await app.start();
  await sync?.start();
  return {
    url,
    app,
    database,
    config,
    clock,
    logs,
    sync,
    https,
    client: () => new HttpClient(url),
    async close() {
      await sync?.stop();
      await app.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const STEWARD = { name: 'Sam Steward', email: 'sam@example.org', password: 'steward-password-1' };
export const DISS = { lat: 52.3765, lon: 1.1077 };

/** A box with its community set up (as `marketcross setup` would) and the steward's handle. */
export async function startSetUpBox(
  options: TestBoxOptions & {
    vouchesRequired?: number;
    communityName?: string;
    at?: { lat: number; lon: number };
  } = {},
): Promise<TestBox & { stewardHandle: string }> {
  const box = await startTestBox(options);
  await ensureSetupCode(box.database.db);
  const { stewardHandle } = await setUpCommunity(
    box.database.db,
    {
      community_name: options.communityName ?? 'PlaNet Diss',
      region: 'South Norfolk',
      lat: options.at?.lat ?? DISS.lat,
      lon: options.at?.lon ?? DISS.lon,
      vouches_required: options.vouchesRequired ?? 2,
      steward_name: STEWARD.name,
      steward_contact: STEWARD.email,
      password: STEWARD.password,
      about: '',
    },
    box.clock.now(),
  );
  return Object.assign(box, { stewardHandle });
}

let memberCounter = 0;
/** Adds an active member directly (not through the join flow) and returns how to sign in as them. */
export async function addActiveMember(box: TestBox, overrides: Partial<NewMember> & { password?: string } = {}) {
  memberCounter += 1;
  const password = overrides.password ?? `member-password-${memberCounter}`;
  const email = overrides.email === undefined ? `member${memberCounter}-${Date.now()}@example.org` : overrides.email;
  const member = await insertMember(
    box.database.db,
    {
      displayName: `Member ${memberCounter}`,
      kind: 'person',
      phone: null,
      status: 'active',
      role: 'member',
      whyJoin: 'Test member',
      lat: DISS.lat + 0.01,
      lon: DISS.lon + 0.01,
      placeId: null,
      ...overrides,
      email,
      passwordHash: await hashPassword(password),
    },
    box.clock.now(),
  );
  return { ...member, email: email ?? '', password };
}
