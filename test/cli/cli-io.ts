import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import type { CommandIO } from '../../src/cli/command.js';

/** What one in-process `marketcross …` run printed, and how it ended. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the CLI in-process, collecting standard output and error. `answers`
 * gives it a terminal that answers its questions in order (and records them);
 * without it there is no terminal, as under a provisioning script.
 */
export async function cli(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; answers?: string[]; asked?: { question: string; secret: boolean }[] } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { env: options.env ?? {}, out: (t) => out.push(t), err: (t) => err.push(t) };
  if (options.answers) {
    const answers = [...options.answers];
    io.ask = async (question, { secret = false } = {}) => {
      options.asked?.push({ question, secret });
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`No answer left for: ${question}`);
      return answer;
    };
  }
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A fresh data directory, removed by the returned function. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-cli-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
