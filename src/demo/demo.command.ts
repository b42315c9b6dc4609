import type { Config } from '../config.js';
import { openBoxDatabase, signInUrl } from '../cli/box.js';
import {
  configFrom,
  DATA_FLAGS,
  DATA_FLAGS_HELP,
  parseCommandArgs,
  UsageError,
  type Command,
  type CommandIO,
} from '../cli/command.js';
import { findCommunity } from '../community/community.queries.js';
import { DISS } from './diss.data.js';
import { runRegion, REGION_DEFAULTS } from './region.js';
import { seedDemo } from './seed.js';
import { DEMO_REGION, type DemoTown } from './town.js';
import { DEMO_TOWNS, findDemoTown } from './towns.js';

const TOWN_NAMES = DEMO_TOWNS.map((t) => t.key).join(', ');

export const demoCommand: Command = {
  name: 'demo',
  usage: `Usage: marketcross demo [--town TOWN] [--if-empty] [options]
       marketcross demo --region [--data-dir DIR] [--port PORT] [--p2p-port PORT]

Creates a demo community. By default ${DISS.community.community_name}: about 30 members in
Diss and the villages around it, groups three levels deep, two join requests
waiting for vouches, about 300 listings and a ledger, and a steward to sign in
as. --town eye or --town harleston makes a smaller one (about 10 members, 50
listings, half of them shared with neighbouring towns) in that town, so
separate boxes can be started by hand and made siblings ("marketcross peers").
Every demo town is in the region "${DEMO_REGION}". Every demo member's password
is printed: never use the demo for a real community.

It refuses to touch a data directory that already holds a community.

--region starts the three demo towns' boxes together on this machine, made
siblings of each other: Diss, Eye and Harleston, each with its own data folder
under DIR (default ./${REGION_DEFAULTS.parent}, each filled on first use), web port
(PORT, PORT+1, PORT+2; default ${REGION_DEFAULTS.webPort}) and peer port on 127.0.0.1 (default
${REGION_DEFAULTS.p2pPort}, ${REGION_DEFAULTS.p2pPort + 1}, ${REGION_DEFAULTS.p2pPort + 2}). A listing shared with neighbouring towns in one box
appears in the others' search. Ctrl-C stops all three.

Options:
  --town TOWN      which demo town: ${TOWN_NAMES} (default diss)
  --if-empty       when the data directory already holds a community, leave it
                   and exit successfully (for scripts that start the demo box)
  --region         run the three towns' boxes, federated (see above)
  --p2p-port PORT  with --region: the first peer port (default ${REGION_DEFAULTS.p2pPort})
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      ...DATA_FLAGS,
      'if-empty': { type: 'boolean' },
      town: { type: 'string' },
      region: { type: 'boolean' },
      'p2p-port': { type: 'string' },
    });
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    if (values.region) {
      if (values.town !== undefined) throw new UsageError('--region runs all three demo towns; leave out --town.');
      return runRegion(
        {
          parent: values['data-dir'] ?? REGION_DEFAULTS.parent,
          host: values.host ?? REGION_DEFAULTS.host,
          webPort: portFlag('--port', values.port, REGION_DEFAULTS.webPort),
          p2pPort: portFlag('--p2p-port', values['p2p-port'], REGION_DEFAULTS.p2pPort),
        },
        io,
      );
    }
    if (values['p2p-port'] !== undefined) throw new UsageError('--p2p-port goes with --region.');
    const town = values.town === undefined ? DISS : findDemoTown(values.town);
    if (!town) throw new UsageError(`There is no demo town "${values.town}": choose one of ${TOWN_NAMES}.`);
    const config = configFrom(values, io.env);
    return fillDemo(config, town, { ifEmpty: values['if-empty'] === true }, io);
  },
};

/** The first of three consecutive ports, from a flag. */
function portFlag(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port < 1 || port > 65533)
    throw new UsageError(`${flag} must be a port number from 1 to 65533 (the boxes use it and the next two).`);
  return port;
}

/**
 * Fills the data directory with the town's demo community. With `ifEmpty`, a
 * directory that already holds a community is left as it is (success).
 */
export async function fillDemo(
  config: Config,
  town: DemoTown,
  options: { ifEmpty: boolean; quiet?: boolean },
  io: CommandIO,
): Promise<number> {
  const database = await openBoxDatabase(config, io.err);
  try {
    const existing = await findCommunity(database.db);
    if (existing && options.ifEmpty) {
      io.out(
        existing.name === town.community.community_name
          ? `The demo community ${existing.name} is already in ${config.dataDir}; left as it is. Sign in as ${town.steward.contact} with the demo password "${town.password}" (unless it was changed).`
          : `${config.dataDir} already holds a community (${existing.name}); left as it is.`,
      );
      return 0;
    }
    if (existing) {
      io.err(
        `${config.dataDir} already holds a community (${existing.name}); the demo only fills an empty data directory. ` +
          `Use another one, e.g. "marketcross demo --data-dir data-demo".`,
      );
      return 1;
    }
    const started = performance.now();
    const demo = await seedDemo(database.db, new Date(), town);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(`Created the DEMO community ${town.community.community_name} in ${config.dataDir} (${seconds} s):`);
    io.out(
      `  ${demo.members} members (${demo.pending} join ${demo.pending === 1 ? 'request' : 'requests'} waiting for vouches), ${demo.groups} groups, ${demo.places} places, ${demo.listings} listings.`,
    );
    if (options.quiet) return 0;
    io.out('');
    io.out('Sign in as the steward:');
    io.out(`  handle:   @${demo.stewardHandle}`);
    io.out(`  email:    ${demo.stewardContact}`);
    io.out(`  password: ${town.password}`);
    io.out(
      `This is a demo: every demo member has that same password. Start the box with "marketcross serve --data-dir ${config.dataDir}" and open ${signInUrl(config)}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
