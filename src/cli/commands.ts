import { demoCommand } from '../demo/demo.command.js';
import { addressCommand } from './address.js';
import { backupCommand } from './backup.js';
import { doctorCommand } from './doctor.js';
import { restoreCommand } from './restore.js';
import type { Command } from './command.js';
import { membersListCommand } from './members-list.js';
import { migrateCommand } from './migrate.js';
import { peersAddCommand, peersListCommand, peersRemoveCommand, peersSelfCommand } from './peers.js';
import { serveCommand } from './serve.js';
import { setupCommand } from './setup.js';
import { tokenCreateCommand } from './token-create.js';
import { upgradeCommand } from './upgrade.js';

/** Every CLI command, in the order `--help` lists them. */
export const commands: Command[] = [serveCommand, migrateCommand, setupCommand, demoCommand, membersListCommand, tokenCreateCommand, backupCommand, restoreCommand, doctorCommand, addressCommand, upgradeCommand, peersSelfCommand, peersAddCommand, peersListCommand, peersRemoveCommand];
