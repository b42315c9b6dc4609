import type { Config } from '../config.js';
import { openBoxDatabase, signInUrl } from '../cli/box.js';
import {
  type CliIO,
  configFrom,
  DATA_FLAGS,
  parseCommandArgs,
  UsageError,
  usageText,
  type Command,
} from '../cli/command.js';
import { msg } from '../lib/messages.js';
import { findCommunity } from '../community/community.queries.js';
import { DISS } from './diss.data.js';
import { runRegion, REGION_DEFAULTS } from './region.js';
import { seedDemo } from './seed.js';
import { DEMO_REGION, type DemoTown } from './town.js';
import { DEMO_TOWNS, findDemoTown } from './towns.js';

const TOWN_NAMES = DEMO_TOWNS.map((t) => t.key).join(', ');

export const demoCommand: Command = {
  name: 'demo',
  usage: (words) =>
    usageText(words, 'demo.usage', {
      community: DISS.community.community_name,
      region: DEMO_REGION,
      towns: TOWN_NAMES,
      parent: REGION_DEFAULTS.parent,
      webPort: String(REGION_DEFAULTS.webPort),
      p2pPort: String(REGION_DEFAULTS.p2pPort),
      p2pPort1: String(REGION_DEFAULTS.p2pPort + 1),
      p2pPort2: String(REGION_DEFAULTS.p2pPort + 2),
    }),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      ...DATA_FLAGS,
      'if-empty': { type: 'boolean' },
      town: { type: 'string' },
      region: { type: 'boolean' },
      'p2p-port': { type: 'string' },
    });
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    if (values.region) {
      if (values.town !== undefined) throw new UsageError(msg('demo.regionWithTown'));
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
    if (values['p2p-port'] !== undefined) throw new UsageError(msg('demo.p2pPortAlone'));
    const town = values.town === undefined ? DISS : findDemoTown(values.town);
    if (!town) throw new UsageError(msg('demo.noSuchTown', { town: values.town ?? '', towns: TOWN_NAMES }));
    const config = configFrom(values, io.env);
    return fillDemo(config, town, { ifEmpty: values['if-empty'] === true }, io);
  },
};

/** The first of three consecutive ports, from a flag. */
function portFlag(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port < 1 || port > 65533) throw new UsageError(msg('demo.badPort', { flag }));
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
  io: CliIO,
): Promise<number> {
  const database = await openBoxDatabase(config, io);
  const { t } = io.words;
  try {
    const existing = await findCommunity(database.db);
    if (existing && options.ifEmpty) {
      const values = { name: existing.name, dataDir: config.dataDir };
      io.out(
        existing.name === town.community.community_name
          ? t('demo.alreadyThere', { ...values, contact: town.steward.contact, password: town.password })
          : t('demo.otherLeft', values),
      );
      return 0;
    }
    if (existing) {
      io.err(t('demo.notEmpty', { name: existing.name, dataDir: config.dataDir }));
      return 1;
    }
    const started = performance.now();
    const demo = await seedDemo(database.db, new Date(), town);
    const seconds = (performance.now() - started) / 1000;
    const community = town.community.community_name;
    io.out(t('demo.created', { community, dataDir: config.dataDir, seconds }));
    const { members, pending, groups, places, listings } = demo;
    io.out(`  ${t('demo.counts', { members, pending, groups, places, listings })}`);
    if (options.quiet) return 0;
    io.out('');
    io.out(t('demo.signInAs'));
    const lines = [
      [t('demo.handle'), `@${demo.stewardHandle}`],
      [t('demo.email'), demo.stewardContact],
      [t('demo.password'), town.password],
    ] as const;
    const width = Math.max(...lines.map(([label]) => label.length));
    for (const [label, value] of lines) io.out(`  ${label.padEnd(width)} ${value}`);
    io.out(t('demo.isADemo', { dataDir: config.dataDir, url: signInUrl(config) }));
    return 0;
  } finally {
    await database.close();
  }
}
