import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadOrCreateIdentity } from '../../sync/identity.js';
import { runningServerPid } from '../backup/server-lock.js';
import { openBoxDatabase, signInUrl } from '../cli/box.js';
import type { CliIO } from '../cli/command.js';
import { LOCALE_ENV } from '../cli/language.js';
import { peersAddCommand } from '../cli/peers.js';
import { findCommunity } from '../community/community.queries.js';
import { loadConfig, type Config } from '../config.js';
import { seedDemo } from './seed.js';
import { DEMO_REGION, type DemoTown } from './town.js';
import { DEMO_TOWNS } from './towns.js';

/**
 * `marketcross demo --region`: the three demo towns' boxes on one machine,
 * federated as a real region would be (each box its own `marketcross serve`
 * process, data folder, web port and peer port), so a listing shared in Eye
 * can be watched arriving in Diss's search. Everything listens on loopback
 * unless --host says otherwise for the web; the peer layer always does.
 */

export const REGION_DEFAULTS = { parent: 'data-region', host: '127.0.0.1', webPort: 8080, p2pPort: 4001 } as const;

export interface RegionOptions {
  /** The folder holding one data folder per town. */
  parent: string;
  /** Where the web apps listen. */
  host: string;
  /** Diss's web port; Eye and Harleston take the next two. */
  webPort: number;
  /** Diss's peer port on 127.0.0.1; Eye and Harleston take the next two. */
  p2pPort: number;
  /** The CLI entry the boxes run (`serve`); by default the one this file was built beside. */
  mainScript?: string;
}

/** How long a box may take to stop after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 20_000;

interface RegionBox {
  town: DemoTown;
  config: Config;
  p2pPort: number;
  peerId: string;
  child: ChildProcess | null;
  running: boolean;
  url: string | null;
}

/**
 * Fills the three towns' folders when empty, makes the boxes siblings, runs them until Ctrl-C or SIGTERM. Returns the
 * exit code.
 */
export async function runRegion(options: RegionOptions, io: CliIO): Promise<number> {
  const { t } = io.words;
  const parent = path.resolve(options.parent);
  const boxes: RegionBox[] = [];
  for (const [i, town] of DEMO_TOWNS.entries()) {
    const p2pPort = options.p2pPort + i;
    const config = loadConfig(
      {},
      {
        dataDir: path.join(parent, town.key),
        host: options.host,
        port: String(options.webPort + i),
        p2pListen: `/ip4/127.0.0.1/tcp/${p2pPort}`,
      },
    );
    boxes.push({ town, config, p2pPort, peerId: '', child: null, running: false, url: null });
  }

  // Before touching anything: nothing of a previous run still going, every port free.
  if (!(await regionIsFree(boxes, io))) return 1;

  for (const box of boxes) {
    if (!(await ensureDemoTown(box, io))) return 1;
    box.peerId = (await loadOrCreateIdentity(box.config.dataDir)).peerId.toString();
  }
  for (const box of boxes) {
    const others = boxes.filter((b) => b !== box);
    for (const sibling of others) {
      const output: string[] = [];
      const quiet: CliIO = { ...io, out: () => {}, err: (line) => output.push(line) };
      const code = await peersAddCommand.run(
        [
          sibling.peerId,
          `/ip4/127.0.0.1/tcp/${sibling.p2pPort}`,
          '--name',
          sibling.town.name,
          '--data-dir',
          box.config.dataDir,
        ],
        quiet,
      );
      if (code !== 0) {
        const reason = output.join(' ');
        io.err(t('demo.region.couldNotAdd', { sibling: sibling.town.name, town: box.town.name, reason }));
        return 1;
      }
    }
    const siblings = others.map((o) => `${o.town.name} (${o.peerId.slice(0, 16)}…)`).join(', ');
    io.out(t('demo.region.siblings', { town: box.town.name, siblings }));
  }

  return serveRegion(boxes, options.mainScript ?? fileURLToPath(new URL('../main.js', import.meta.url)), io);
}

/** Whether no server of a previous run still holds a town's folder and every port is free; says which if not. */
async function regionIsFree(boxes: RegionBox[], io: CliIO): Promise<boolean> {
  const { t } = io.words;
  for (const box of boxes) {
    const pid = runningServerPid(box.config.dataDir);
    if (pid !== null) {
      io.err(t('demo.region.alreadyRunning', { pid: String(pid), dataDir: box.config.dataDir }));
      return false;
    }
  }
  const defaults = { webPort: String(REGION_DEFAULTS.webPort), p2pPort: String(REGION_DEFAULTS.p2pPort) };
  for (const box of boxes) {
    for (const [what, host, port] of [
      ['web', box.config.host, box.config.port],
      ['peer', '127.0.0.1', box.p2pPort],
    ] as const) {
      if (!(await portFree(host, port))) {
        io.err(t('demo.region.portInUse', { port: String(port), host, town: box.town.name, what, ...defaults }));
        return false;
      }
    }
  }
  return true;
}

/**
 * The town's demo community in its folder: made when the folder is empty, kept when it is there; anything else is
 * refused.
 */
async function ensureDemoTown(box: RegionBox, io: CliIO): Promise<boolean> {
  const { t } = io.words;
  // The migrations of a fresh folder are no news here.
  const database = await openBoxDatabase(box.config, { ...io, err: () => {} });
  try {
    const existing = await findCommunity(database.db);
    if (!existing) {
      const started = performance.now();
      const demo = await seedDemo(database.db, new Date(), box.town);
      io.out(
        t('demo.region.created', {
          town: box.town.name,
          community: box.town.community.community_name,
          dataDir: box.config.dataDir,
          members: demo.members,
          listings: demo.listings,
          seconds: (performance.now() - started) / 1000,
        }),
      );
      return true;
    }
    if (existing.name !== box.town.community.community_name || existing.region !== DEMO_REGION) {
      const { name, region } = existing;
      io.err(t('demo.region.otherCommunity', { dataDir: box.config.dataDir, name, region, town: box.town.name }));
      return false;
    }
    io.out(t('demo.region.reusing', { town: box.town.name, dataDir: box.config.dataDir }));
    return true;
  } finally {
    await database.close();
  }
}

/** The three boxes while they run: started, announced once all serve, stopped together. */
interface Region {
  readonly boxes: RegionBox[];
  readonly io: CliIO;
  stopping: boolean;
  stopCode: number;
  allUp: boolean;
  settle(code: number): void;
}

/** Starts the three `serve` processes, says where they are, and stops them all on Ctrl-C or SIGTERM. */
async function serveRegion(boxes: RegionBox[], mainScript: string, io: CliIO): Promise<number> {
  let settle: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (settle = resolve));
  const region: Region = { boxes, io, stopping: false, stopCode: 0, allUp: false, settle: (code) => settle(code) };

  // Last resort: however this process ends, it takes its boxes with it.
  const killAll = () => {
    for (const b of boxes) if (b.running) b.child?.kill('SIGTERM');
  };
  process.once('exit', killAll);
  const width = Math.max(...boxes.map((b) => b.town.name.length)) + 2;
  for (const box of boxes) startBox(region, box, `[${box.town.name}]`.padEnd(width + 1), mainScript);

  const onSignal = () => void stopAll(region, 0);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await finished;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', killAll);
  }
}

/** Runs one town's `marketcross serve`, its lines labelled with the town; notes when it serves and when it stops. */
function startBox(region: Region, box: RegionBox, label: string, mainScript: string): void {
  const { io, boxes } = region;
  const args = ['serve', '--data-dir', box.config.dataDir, '--host', box.config.host];
  args.push('--port', String(box.config.port), '--p2p-listen', `/ip4/127.0.0.1/tcp/${box.p2pPort}`);
  // The boxes speak the language asked for here, if one was.
  const asked = io.words.explicit;
  const env = asked ? { ...io.env, [LOCALE_ENV]: asked } : io.env;
  const child = spawn(process.execPath, [mainScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  box.child = child;
  box.running = true;
  // The first line naming the box's web address says it serves, in whatever language the box speaks.
  const serving = new RegExp(`http://\\S+:${box.config.port}\\b`);
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    io.out(`${label} ${line}`);
    if (box.url === null && serving.test(line)) {
      box.url = signInUrl(box.config).replace(/\/signin$/, '');
      if (boxes.every((b) => b.url !== null)) {
        region.allUp = true;
        announce(boxes, io);
      }
    }
  });
  readline.createInterface({ input: child.stderr! }).on('line', (line) => io.err(`${label} ${line}`));
  child.once('exit', (code, signal) => boxStopped(region, box, label, { code, signal }));
}

function boxStopped(
  region: Region,
  box: RegionBox,
  label: string,
  how: { code: number | null; signal: NodeJS.Signals | null },
): void {
  const { io, boxes } = region;
  const { t } = io.words;
  box.running = false;
  const values = {
    town: box.town.name,
    signal: how.signal ?? '',
    code: String(how.code),
    bySignal: how.signal ? 'yes' : 'no',
  };
  if (region.stopping) {
    if (boxes.every((b) => !b.running)) region.settle(region.stopCode);
    return;
  }
  if (!region.allUp) {
    io.err(`${label} ${t('demo.region.stoppedBeforeServing', values)}`);
    void stopAll(region, 1);
  } else if (boxes.every((b) => !b.running)) {
    io.err(`${label} ${t('demo.region.noneLeft', values)}`);
    region.settle(1);
  } else {
    const others = boxes.filter((b) => b.running).map((b) => b.town.name);
    const clean = how.code === 0 ? 'yes' : 'no';
    io.err(`${label} ${t('demo.region.oneStopped', { ...values, clean, others: others.join(t('demo.region.and')) })}`);
  }
}

async function stopAll(region: Region, code: number): Promise<void> {
  const { io, boxes } = region;
  const { t } = io.words;
  if (region.stopping) return;
  region.stopping = true;
  region.stopCode = code;
  const live = boxes.filter((b) => b.running);
  if (live.length === 0) return region.settle(code);
  io.out(t('demo.region.stopping', { towns: live.map((b) => b.town.name).join(', ') }));
  for (const box of live) box.child!.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const box of boxes.filter((b) => b.running)) {
      io.err(t('demo.region.killing', { town: box.town.name, seconds: String(STOP_TIMEOUT_MS / 1000) }));
      box.child!.kill('SIGKILL');
    }
  }, STOP_TIMEOUT_MS);
  timer.unref();
}

function announce(boxes: RegionBox[], io: CliIO): void {
  const { t } = io.words;
  const width = Math.max(...boxes.map((b) => b.town.name.length));
  io.out('');
  io.out(t('demo.region.running', { region: DEMO_REGION }));
  for (const box of boxes) {
    const signIn = t('demo.region.signIn', { contact: box.town.steward.contact, password: box.town.password });
    io.out(`  ${box.town.name.padEnd(width)}  ${box.url}   ${signIn}`);
  }
  const [first, second] = boxes;
  io.out(t('demo.region.tryIt', { second: second!.town.name, first: first!.town.name }));
  io.out(t('demo.region.stopHint'));
  io.out('');
}

/** Whether a TCP port can be listened on (checked just before the boxes start, so a clash is named clearly). */
function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
