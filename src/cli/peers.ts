import { loadOrCreateIdentity } from '../../sync/identity.js';
import { listSiblings, putSibling, removeSibling } from '../federation/siblings.queries.js';
import { findCommunity } from '../community/community.queries.js';
import { siblingAddresses } from '../federation/addresses.js';
import { siblingSchema } from '../federation/siblings.js';
import { parseInput } from '../http/forms.js';
import { withBoxDatabase } from './box.js';
import {
  configFrom,
  DATA_FLAGS,
  DATA_FLAGS_HELP,
  P2P_FLAGS,
  P2P_FLAGS_HELP,
  parseCommandArgs,
  UsageError,
  type Command,
} from './command.js';

/*
 * `marketcross peers …`: the list of sibling boxes this box federates with.
 * A running box re-reads the list within seconds, so none of these needs a restart.
 */

export const peersSelfCommand: Command = {
  name: 'peers self',
  usage: `Usage: marketcross peers self [options]

Prints this box's peer id (making the box's key if it has none yet) and the
addresses sibling boxes can reach it on, and the line a sibling's steward types
to add it.

Options:
${DATA_FLAGS_HELP}
${P2P_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, ...P2P_FLAGS });
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const config = configFrom(values, io.env);
    const identity = await loadOrCreateIdentity(config.dataDir);
    const peerId = identity.peerId.toString();
    const addresses = siblingAddresses(config.p2pListen);
    io.out(`Peer id: ${peerId}`);
    if (addresses.length === 0) {
      io.out(
        'This box runs alone (no peer listen address): start it with --p2p-listen /ip4/0.0.0.0/tcp/4001 to federate.',
      );
      return 0;
    }
    io.out(`Addresses:\n${addresses.map((a) => `  ${a}`).join('\n')}`);
    const name = await withBoxDatabase(
      config,
      io.err,
      async (database) => (await findCommunity(database.db))?.name ?? null,
    ).catch(() => null);
    io.out(
      `\nOn a sibling box, its steward adds this one with:\n  marketcross peers add ${peerId} ${addresses[0]} --name "${name ?? 'this town'}"`,
    );
    return 0;
  },
};

export const peersAddCommand: Command = {
  name: 'peers add',
  usage: `Usage: marketcross peers add <peer-id> <multiaddr> --name NAME [options]

Adds a sibling box: this box will connect to it, accept the listings it
shares, and share its own regional listings with it. Both boxes' stewards must
add each other. Adding a box already on the list updates its name and address.

  <peer-id>     the sibling's peer id ("marketcross peers self" on that box)
  <multiaddr>   where to reach it, such as /ip4/192.168.1.20/tcp/4001

Options:
  --name NAME   what to call it, usually its town (required)
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...DATA_FLAGS, name: { type: 'string' } }, true);
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length !== 2)
      throw new UsageError(
        'Give the sibling\'s peer id and its address, e.g. "marketcross peers add 12D3KooW… /ip4/192.168.1.20/tcp/4001 --name Eye".',
      );
    if (values.name === undefined) throw new UsageError('Give the sibling a name with --name, e.g. --name Eye.');
    const parsed = parseInput(siblingSchema, { peer_id: positionals[0], address: positionals[1], name: values.name });
    if (!parsed.ok) throw new UsageError(Object.values(parsed.errors).join(' '));
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io.err, async (database) => {
      const self = await loadOrCreateIdentity(config.dataDir);
      if (self.peerId.toString() === parsed.value.peerId)
        throw new UsageError("That is this box's own peer id; give the sibling's.");
      const outcome = await putSibling(database.db, parsed.value, new Date());
      io.out(
        `${outcome === 'added' ? 'Added' : 'Updated'} sibling ${parsed.value.name} (${parsed.value.peerId}) at ${parsed.value.address}.`,
      );
      return 0;
    });
  },
};

export const peersListCommand: Command = {
  name: 'peers list',
  usage: `Usage: marketcross peers list [--json] [options]

Lists the sibling boxes: name, peer id, address, when last seen, and how many
records each sent that were accepted and rejected. Whether each is connected
now is on the stewards' page of the running box.

Options:
  --json           one JSON array on standard output, for scripts
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, json: { type: 'boolean' } });
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io.err, async (database) => {
      const siblings = await listSiblings(database.db);
      if (values.json) io.out(JSON.stringify(siblings, null, 2));
      else if (siblings.length === 0)
        io.err('No siblings yet. Add one with "marketcross peers add <peer-id> <multiaddr> --name NAME".');
      else
        for (const s of siblings)
          io.out(
            `${s.name}\t${s.peerId}\t${s.address}\tlast seen ${s.lastSeenAt ?? 'never'}\treceived ${s.recordsReceived}\trejected ${s.recordsRejected}`,
          );
      return 0;
    });
  },
};

export const peersRemoveCommand: Command = {
  name: 'peers remove',
  usage: `Usage: marketcross peers remove <peer-id> [options]

Takes a sibling off the list: this box disconnects from it, refuses it from
then on, and stops showing the listings it shared.

Options:
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, DATA_FLAGS, true);
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError('Give the peer id of the sibling to remove ("marketcross peers list" shows them).');
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io.err, async (database) => {
      if (!(await removeSibling(database.db, positionals[0]!.trim()))) {
        io.err(`No sibling has the peer id ${positionals[0]}. "marketcross peers list" shows them.`);
        return 1;
      }
      io.out(`Removed sibling ${positionals[0]}.`);
      return 0;
    });
  },
};
