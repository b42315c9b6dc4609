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
  readonly summary: string;
  load(): Promise<Command>;
}

/** Every CLI command, in the order `--help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'run the box: migrate the database, then serve the web app',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'migrate',
    summary: 'bring the database schema up to date',
    load: async () => (await import('./migrate.js')).migrateCommand,
  },
  {
    name: 'setup',
    summary: 'create the community and its first steward (once)',
    load: async () => (await import('./setup.js')).setupCommand,
  },
  {
    name: 'demo',
    summary: 'fill an empty data directory with a demo community (Diss, Eye or Harleston), or run all three federated',
    load: async () => (await import('../demo/demo.command.js')).demoCommand,
  },
  {
    name: 'members list',
    summary: 'list the members: handle, name, kind, status, roles',
    load: async () => (await import('./members-list.js')).membersListCommand,
  },
  {
    name: 'token create',
    summary: 'make an API token for a member; prints the token alone',
    load: async () => (await import('./token-create.js')).tokenCreateCommand,
  },
  {
    name: 'backup',
    summary: 'take a verified backup of the database, key and settings now',
    load: async () => (await import('./backup.js')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'put a backup back in place (the box must be stopped)',
    load: async () => (await import('./restore.js')).restoreCommand,
  },
  {
    name: 'doctor',
    summary: 'check the box: database, disk, backups, clock, jobs, neighbouring towns; says what to do',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
  {
    name: 'address',
    summary: 'how to open the box: its address, a QR code, and the setup code until set up',
    load: async () => (await import('./address.js')).addressCommand,
  },
  {
    name: 'upgrade',
    summary: 'switch the box to a new installed version, safely (provision.sh runs it)',
    load: async () => (await import('./upgrade.js')).upgradeCommand,
  },
  {
    name: 'peers self',
    summary: "print this box's peer id and the addresses siblings reach it on",
    load: async () => (await import('./peers.js')).peersSelfCommand,
  },
  {
    name: 'peers add',
    summary: 'add (or rename, or re-address) a sibling box',
    load: async () => (await import('./peers.js')).peersAddCommand,
  },
  {
    name: 'peers list',
    summary: 'list the sibling boxes',
    load: async () => (await import('./peers.js')).peersListCommand,
  },
  {
    name: 'peers remove',
    summary: 'take a sibling box off the list',
    load: async () => (await import('./peers.js')).peersRemoveCommand,
  },
];
