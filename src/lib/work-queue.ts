import { LimitReached } from './errors.js';
import type { Message } from './messages.js';

/** How many tasks run at once, and how many more may wait for a place. */
export interface WorkQueueSize {
  readonly running: number;
  readonly waiting: number;
}

/**
 * A small queue for work that is costly in memory (decoding photos): at most `running` tasks at a time, at most
 * `waiting` more in line, and anything beyond that refused at once rather than held, so that a burst cannot pile up
 * work the box has no memory for.
 */
export interface WorkQueue {
  /** Runs `task` once a place is free; throws `LimitReached` at once when every place and waiting place is taken. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks waiting for a place (not those running). */
  readonly waiting: number;
}

/** `now` is the app's clock: the refusal's `retryAt` is read against it (`Retry-After`). */
export function createWorkQueue(
  size: WorkQueueSize,
  refusal: { reason: Message; retryAfterSeconds: number },
  now: () => Date,
): WorkQueue {
  let running = 0;
  const line: (() => void)[] = [];
  // A finished task hands its place to the first in line, or frees it: no newcomer slips in between.
  const next = () => {
    const first = line.shift();
    if (first) first();
    else running--;
  };
  return {
    get waiting() {
      return line.length;
    },
    async run(task) {
      if (running >= size.running) {
        if (line.length >= size.waiting)
          throw new LimitReached(refusal.reason, new Date(now().getTime() + refusal.retryAfterSeconds * 1000));
        await new Promise<void>((resolve) => line.push(resolve));
      } else {
        running++;
      }
      try {
        return await task();
      } finally {
        next();
      }
    },
  };
}
