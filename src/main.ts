#!/usr/bin/env node
// The `marketcross` command. Everything it does lives in src/cli/.
import { runCli } from './cli/run.js';
import { terminalIO } from './cli/terminal.js';

process.exitCode = await runCli(process.argv.slice(2), terminalIO());
