import { loadOrCreateIdentity } from '../../sync/identity.js';
import { listSiblings, putSibling, removeSibling } from '../federation/siblings.queries.js';
import { findCommunity } from '../community/community.queries.js';
import { siblingAddresses } from '../federation/addresses.js';
import { siblingSchema } from '../federation/siblings.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { msg } from '../lib/messages.js';
import { withBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, P2P_FLAGS, parseCommandArgs, UsageError, usageText, type Command } from './command.js';

/*
 * `marketcross peers …`: the list of sibling boxes this box federates with.
 * A running box re-reads the list within seconds, so none of these needs a restart.
 */

export const peersSelfCommand: Command = {
  name: 'peers self',
  usage: (words) => usageText(words, 'cli.usage.peersSelf'),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, ...P2P_FLAGS });
    const { t } = io.words;
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const config = configFrom(values, io.env);
    const identity = await loadOrCreateIdentity(config.dataDir);
    const peerId = identity.peerId.toString();
    const addresses = siblingAddresses(config.p2pListen);
    // The community's name, and with it its language (a box not set up yet has neither).
    const name = await withBoxDatabase(
      config,
      io,
      async (database) => (await findCommunity(database.db))?.name ?? null,
    ).catch(() => null);
    io.out(t('cli.peers.peerId', { peerId }));
    if (addresses.length === 0) {
      io.out(t('cli.peers.alone'));
      return 0;
    }
    io.out(`${t('cli.peers.addresses')}\n${addresses.map((a) => `  ${a}`).join('\n')}`);
    const town = name ?? t('cli.peers.thisTown');
    io.out(`\n${t('cli.peers.addThisOne')}\n  marketcross peers add ${peerId} ${addresses[0]} --name "${town}"`);
    return 0;
  },
};

export const peersAddCommand: Command = {
  name: 'peers add',
  usage: (words) => usageText(words, 'cli.usage.peersAdd'),
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...DATA_FLAGS, name: { type: 'string' } }, true);
    const { t } = io.words;
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError(msg('cli.peers.giveIdAndAddress'));
    if (values.name === undefined) throw new UsageError(msg('cli.peers.giveName'));
    const read = readInput(siblingSchema, { peer_id: positionals[0], address: positionals[1], name: values.name });
    if (!read.ok) {
      const reasons = Object.values(fieldWords(read.problems, t)).join(' ');
      throw new UsageError(msg('cli.peers.badSibling', { reasons }));
    }
    const sibling = read.value;
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io, async (database) => {
      const self = await loadOrCreateIdentity(config.dataDir);
      if (self.peerId.toString() === sibling.peerId) throw new UsageError(msg('cli.peers.ownId'));
      const outcome = await putSibling(database.db, sibling, new Date());
      io.out(t('cli.peers.put', { outcome, name: sibling.name, peerId: sibling.peerId, address: sibling.address }));
      return 0;
    });
  },
};

export const peersListCommand: Command = {
  name: 'peers list',
  usage: (words) => usageText(words, 'cli.usage.peersList'),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, json: { type: 'boolean' } });
    const { t } = io.words;
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io, async (database) => {
      const siblings = await listSiblings(database.db);
      if (values.json) io.out(JSON.stringify(siblings, null, 2));
      else if (siblings.length === 0) io.err(t('cli.peers.none'));
      else
        for (const s of siblings) {
          const seen = s.lastSeenAt ?? t('cli.peers.never');
          const counts = t('cli.peers.counts', {
            seen,
            received: String(s.recordsReceived),
            rejected: String(s.recordsRejected),
          });
          io.out(`${s.name}\t${s.peerId}\t${s.address}\t${counts}`);
        }
      return 0;
    });
  },
};

export const peersRemoveCommand: Command = {
  name: 'peers remove',
  usage: (words) => usageText(words, 'cli.usage.peersRemove'),
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, DATA_FLAGS, true);
    const { t } = io.words;
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(msg('cli.peers.giveIdToRemove'));
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io, async (database) => {
      if (!(await removeSibling(database.db, positionals[0]!.trim()))) {
        io.err(t('cli.peers.noSuchSibling', { peerId: positionals[0]! }));
        return 1;
      }
      io.out(t('cli.peers.removed', { peerId: positionals[0]! }));
      return 0;
    });
  },
};
