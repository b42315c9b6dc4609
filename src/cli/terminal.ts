import readline from 'node:readline/promises';
import type { CommandIO } from './command.js';

/** Standard output and error, and questions asked in the terminal when there is one. */
export function terminalIO(): CommandIO {
  const io: CommandIO = {
    env: process.env,
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
  };
  if (process.stdin.isTTY) {
    io.ask = async (question, options = {}) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      if (options.secret) {
        // Echo nothing while a password is typed.
        (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
          if (s.startsWith(question)) process.stdout.write(question);
        };
      }
      try {
        const answer = await rl.question(question);
        if (options.secret) process.stdout.write('\n');
        return answer;
      } finally {
        rl.close();
      }
    };
  }
  return io;
}
