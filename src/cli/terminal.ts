import readline from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { CommandIO } from './command.js';

/** Standard output and error, and questions asked in the terminal when there is one. */
export function terminalIO(): CommandIO {
  const io: CommandIO = {
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
  if (process.stdin.isTTY) {
    io.ask = async (question, options = {}) => {
      // readline echoes what is typed through its output; for a password that
      // output is muted once the question is shown, so nothing typed appears.
      // (Overriding `_writeToOutput` does not work: readline/promises bypasses it.)
      let muted = false;
      const output = new Writable({
        write(chunk, encoding, done) {
          if (!muted) process.stdout.write(chunk, encoding);
          done();
        },
      });
      const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
      try {
        const answer = rl.question(question);
        muted = options.secret === true;
        const typed = await answer;
        if (options.secret) process.stdout.write('\n');
        return typed;
      } finally {
        rl.close();
      }
    };
  }
  return io;
}
