import { openBoxDatabase, signInUrl } from '../cli/box.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, type Command } from '../cli/command.js';
import { findCommunity } from '../community/community.queries.js';
import { DEMO_COMMUNITY, DEMO_PASSWORD, DEMO_STEWARD } from './diss.data.js';
import { seedDemo } from './seed.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'fill an empty data directory with a demo community in Diss, Norfolk',
  usage: `Usage: marketcross demo [--if-empty] [options]

Creates a demo community, ${DEMO_COMMUNITY.community_name} (${DEMO_COMMUNITY.region}): about 30 members
in Diss and the villages around it, groups three levels deep, two join requests
waiting for vouches, and a steward to sign in as. Every demo member's password
is "${DEMO_PASSWORD}": never use the demo for a real community.

It refuses to touch a data directory that already holds a community.

Options:
  --if-empty       when the data directory already holds a community, leave it
                   and exit successfully (for scripts that start the demo box)
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, 'if-empty': { type: 'boolean' } });
    if (values.help) return io.out(this.usage), 0;
    const config = configFrom(values, io.env);
    const database = await openBoxDatabase(config, io.err);
    try {
      const existing = await findCommunity(database.db);
      if (existing && values['if-empty']) {
        io.out(
          existing.name === DEMO_COMMUNITY.community_name
            ? `The demo community is already in ${config.dataDir}; left as it is. Sign in as ${DEMO_STEWARD.contact} with the demo password "${DEMO_PASSWORD}" (unless it was changed).`
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
      const demo = await seedDemo(database.db, new Date());
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.out(`Created the DEMO community ${DEMO_COMMUNITY.community_name} in ${config.dataDir} (${seconds} s):`);
      io.out(`  ${demo.members} members (${demo.pending} join requests waiting for vouches), ${demo.groups} groups, ${demo.places} places.`);
      io.out('');
      io.out('Sign in as the steward:');
      io.out(`  handle:   @${demo.stewardHandle}`);
      io.out(`  email:    ${demo.stewardContact}`);
      io.out(`  password: ${DEMO_PASSWORD}`);
      io.out(`This is a demo: every demo member has that same password. Start the box with "marketcross serve --data-dir ${config.dataDir}" and open ${signInUrl(config)}.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
