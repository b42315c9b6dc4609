import type { Command } from './command.js';

/**
 * A command as the CLI lists it: its name and one-line summary (all `--help`
 * needs), and how to load the code that runs it. Commands are loaded only when
 * run, so `marketcross serve` never loads what it does not run: the demo
 * seeders (and with them sharp and libvips), the upgrader, setup, the peers
 * tools. On a Pi every module loaded stays in memory for the life of the box.
 */
export interface CommandEntry {
  readonly name: string;
  /** The catalogue key of its one-line summary. */
  readonly summary: string;
  load(): Promise<Command>;
}

/** Every CLI command, in the order `--help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'cli.summary.serve',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'migrate',
    summary: 'cli.summary.migrate',
    load: async () => (await import('./migrate.js')).migrateCommand,
  },
  {
    name: 'setup',
    summary: 'cli.summary.setup',
    load: async () => (await import('./setup.js')).setupCommand,
  },
  {
    name: 'demo',
    summary: 'cli.summary.demo',
    load: async () => (await import('../demo/demo.command.js')).demoCommand,
  },
  {
    name: 'members list',
    summary: 'cli.summary.membersList',
    load: async () => (await import('./members-list.js')).membersListCommand,
  },
  {
    name: 'token create',
    summary: 'cli.summary.tokenCreate',
    load: async () => (await import('./token-create.js')).tokenCreateCommand,
  },
  {
    name: 'backup',
    summary: 'cli.summary.backup',
    load: async () => (await import('./backup.js')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'cli.summary.restore',
    load: async () => (await import('./restore.js')).restoreCommand,
  },
  {
    name: 'doctor',
    summary: 'cli.summary.doctor',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
  {
    name: 'address',
    summary: 'cli.summary.address',
    load: async () => (await import('./address.js')).addressCommand,
  },
  {
    name: 'upgrade',
    summary: 'cli.summary.upgrade',
    load: async () => (await import('./upgrade.js')).upgradeCommand,
  },
  {
    name: 'peers self',
    summary: 'cli.summary.peersSelf',
    load: async () => (await import('./peers.js')).peersSelfCommand,
  },
  {
    name: 'peers add',
    summary: 'cli.summary.peersAdd',
    load: async () => (await import('./peers.js')).peersAddCommand,
  },
  {
    name: 'peers list',
    summary: 'cli.summary.peersList',
    load: async () => (await import('./peers.js')).peersListCommand,
  },
  {
    name: 'peers remove',
    summary: 'cli.summary.peersRemove',
    load: async () => (await import('./peers.js')).peersRemoveCommand,
  },
];
