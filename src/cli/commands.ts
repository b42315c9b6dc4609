import type { Command } from './command.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';

/** Every CLI command, in the order `--help` lists them. */
export const commands: Command[] = [serveCommand, migrateCommand];
