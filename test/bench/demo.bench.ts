import { bench, describe } from 'vitest';
import { cli, tempDataDir } from '../cli/cli-io.js';

/**
 * `marketcross demo` on an empty data directory: the seed a newcomer waits for before the demo box serves (`npm run
 * demo`), meant to take a few seconds (the suite once asserted under 10 s; a time depends on the machine, so it is
 * measured here). Each run fills a fresh directory, made and removed inside the measurement (milliseconds beside the
 * seed). Run with `npm run bench`.
 */
describe('marketcross demo', () => {
  bench(
    'fills an empty data directory',
    async () => {
      const data = tempDataDir();
      try {
        const run = await cli(['demo', '--data-dir', data.dir]);
        if (run.code !== 0) throw new Error(`marketcross demo failed: ${run.err}`);
      } finally {
        data.remove();
      }
    },
    { iterations: 3, time: 0, warmupIterations: 0 },
  );
});
