import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadOrCreateIdentity } from '../../sync/identity.js';
import { runningServerPid } from '../backup/server-lock.js';
import { openBoxDatabase, signInUrl } from '../cli/box.js';
import type { CommandIO } from '../cli/command.js';
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
export async function runRegion(options: RegionOptions, io: CommandIO): Promise<number> {
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
  for (const box of boxes) {
    const pid = runningServerPid(box.config.dataDir);
    if (pid !== null) {
      io.err(
        `A Marketcross server (process ${pid}) is already running on ${box.config.dataDir}. Stop it first (is another "marketcross demo --region" running?).`,
      );
      return 1;
    }
  }
  for (const box of boxes) {
    for (const [what, host, port] of [
      ['web', box.config.host, box.config.port],
      ['peer', '127.0.0.1', box.p2pPort],
    ] as const) {
      if (!(await portFree(host, port))) {
        io.err(
          `Port ${port} on ${host} (${box.town.name}'s ${what} port) is already in use. Choose other ports with --port (web, default ${REGION_DEFAULTS.webPort}) and --p2p-port (peers, default ${REGION_DEFAULTS.p2pPort}); each box takes the next one.`,
        );
        return 1;
      }
    }
  }

  for (const box of boxes) {
    if (!(await ensureDemoTown(box, io))) return 1;
    box.peerId = (await loadOrCreateIdentity(box.config.dataDir)).peerId.toString();
  }
  for (const box of boxes) {
    const others = boxes.filter((b) => b !== box);
    for (const sibling of others) {
      const output: string[] = [];
      const quiet: CommandIO = { env: io.env, out: () => {}, err: (line) => output.push(line) };
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
        io.err(`Could not add ${sibling.town.name} as a sibling of ${box.town.name}: ${output.join(' ')}`);
        return 1;
      }
    }
    io.out(`${box.town.name}: siblings ${others.map((o) => `${o.town.name} (${o.peerId.slice(0, 16)}…)`).join(', ')}`);
  }

  return serveRegion(boxes, options.mainScript ?? fileURLToPath(new URL('../main.js', import.meta.url)), io);
}

/**
 * The town's demo community in its folder: made when the folder is empty, kept when it is there; anything else is
 * refused.
 */
async function ensureDemoTown(box: RegionBox, io: CommandIO): Promise<boolean> {
  const database = await openBoxDatabase(box.config, () => {}); // the migrations of a fresh folder are no news here
  try {
    const existing = await findCommunity(database.db);
    if (!existing) {
      const started = performance.now();
      const demo = await seedDemo(database.db, new Date(), box.town);
      io.out(
        `${box.town.name}: created the DEMO community ${box.town.community.community_name} in ${box.config.dataDir} (${demo.members} members, ${demo.listings} listings, ${((performance.now() - started) / 1000).toFixed(1)} s).`,
      );
      return true;
    }
    if (existing.name !== box.town.community.community_name || existing.region !== DEMO_REGION) {
      io.err(
        `${box.config.dataDir} holds the community ${existing.name} (region ${existing.region}), not the ${box.town.name} demo. Use another folder with --data-dir, or delete that one.`,
      );
      return false;
    }
    io.out(`${box.town.name}: using the demo community already in ${box.config.dataDir}.`);
    return true;
  } finally {
    await database.close();
  }
}

/** Starts the three `serve` processes, says where they are, and stops them all on Ctrl-C or SIGTERM. */
async function serveRegion(boxes: RegionBox[], mainScript: string, io: CommandIO): Promise<number> {
  const width = Math.max(...boxes.map((b) => b.town.name.length)) + 2;
  let stopping = false;
  let stopCode = 0;
  let allUp = false;
  let settle: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (settle = resolve));

  // Last resort: however this process ends, it takes its boxes with it.
  const killAll = () => {
    for (const b of boxes) if (b.running) b.child?.kill('SIGTERM');
  };
  process.once('exit', killAll);

  for (const box of boxes) {
    const label = `[${box.town.name}]`.padEnd(width + 1);
    const child = spawn(
      process.execPath,
      [
        mainScript,
        'serve',
        '--data-dir',
        box.config.dataDir,
        '--host',
        box.config.host,
        '--port',
        String(box.config.port),
        '--p2p-listen',
        `/ip4/127.0.0.1/tcp/${box.p2pPort}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: io.env },
    );
    box.child = child;
    box.running = true;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      io.out(`${label} ${line}`);
      if (box.url === null && /is serving http:\/\/\S+/.test(line)) {
        box.url = signInUrl(box.config).replace(/\/signin$/, '');
        if (boxes.every((b) => b.url !== null)) {
          allUp = true;
          announce(boxes, io);
        }
      }
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => io.err(`${label} ${line}`));
    child.once('exit', (code, signal) => {
      box.running = false;
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (!stopping) {
        if (!allUp) {
          io.err(
            `${label} The ${box.town.name} box stopped before it was serving (${how}); see its lines above. Stopping the others.`,
          );
          void stopAll(1);
        } else if (boxes.every((b) => !b.running)) {
          io.err(`${label} The ${box.town.name} box stopped (${how}); no box is left running.`);
          settle(1);
        } else {
          io.err(
            `${label} The ${box.town.name} box stopped ${code === 0 ? '' : 'unexpectedly '}(${how}); ${boxes
              .filter((b) => b.running)
              .map((b) => b.town.name)
              .join(' and ')} keep running. Ctrl-C stops them.`,
          );
        }
      } else if (boxes.every((b) => !b.running)) {
        settle(stopCode);
      }
    });
  }

  async function stopAll(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    stopCode = code;
    const live = boxes.filter((b) => b.running);
    if (live.length === 0) return settle(code);
    io.out(`Stopping ${live.map((b) => b.town.name).join(', ')}…`);
    for (const box of live) box.child!.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const box of boxes.filter((b) => b.running)) {
        io.err(`The ${box.town.name} box did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it.`);
        box.child!.kill('SIGKILL');
      }
    }, STOP_TIMEOUT_MS);
    timer.unref();
  }

  const onSignal = () => void stopAll(0);
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

function announce(boxes: RegionBox[], io: CommandIO): void {
  const width = Math.max(...boxes.map((b) => b.town.name.length));
  io.out('');
  io.out(`Three federated DEMO boxes are running, region "${DEMO_REGION}", each a sibling of the other two:`);
  for (const box of boxes) {
    io.out(
      `  ${box.town.name.padEnd(width)}  ${box.url}   sign in: ${box.town.steward.contact} / ${box.town.password}`,
    );
  }
  const [first, second] = boxes;
  io.out(
    `Post a listing in ${second!.town.name} with "Share with neighbouring towns" ticked, then search for it in ${first!.town.name}: it arrives within seconds, labelled with its town.`,
  );
  io.out('Every demo member of a town has its password: it is a demo. Press Ctrl-C to stop all three.');
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
