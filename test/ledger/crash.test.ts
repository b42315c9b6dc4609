import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAfterCrashes,
  type CrashBox,
  crashRound,
  prepareCrashBox,
  removeCrashBox,
  SAFE,
  type Sent,
  stopBox,
} from './crash-box.js';

/**
 * A box is killed with SIGKILL while a client streams API payments at it, then restarted, twice over on one
 * database (test/bench/crash.bench.ts does it a hundred times). Every payment answered 201 must be there exactly once
 * (with its two entries), the database must pass `PRAGMA integrity_check`, and every currency must still sum to zero.
 * Payments whose answer was lost are sent again with the same idempotency key and must not be made twice.
 */

const ROUNDS = 2;
const MEMBERS = 4;
const CONCURRENCY = 4;

let box: CrashBox | undefined;
let running: ChildProcess | undefined;

describe('crash safety', () => {
  beforeAll(async () => {
    box = await prepareCrashBox(MEMBERS);
  }, 120_000);

  afterAll(async () => {
    await stopBox(running);
    removeCrashBox(box);
  });

  it('keeps every answered payment exactly once across SIGKILLs, ' +
    'with an intact database that sums to zero', async () => {
    const sent: Sent[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const round = await crashRound(box!, sent, { concurrency: CONCURRENCY, running });
      running = round.restarted;
      const { signal, created, lost, createdWhenSentAgain } = round;
      expect(signal).toBe('SIGKILL');
      expect(created).toBeGreaterThan(50);
      expect(lost).toBeGreaterThan(0);
      // Restarted, the box answers the lost payments' keys: each is made at most once, whether it landed before the
      // kill or not.
      expect(createdWhenSentAgain).toBe(lost);
      expect(await checkAfterCrashes(box!, sent)).toEqual(SAFE);
    }
  }, 120_000);
});
