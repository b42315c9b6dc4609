/**
 * When to dial a sibling next. After a failed try the wait doubles, up to the
 * most; once a connection has lasted, it starts over. Both boxes of a pair
 * dial each other (each has the other on its list), and two dials at once make
 * two connections; so the box with the greater peer id gives way: it waits a
 * little before its first dial, and before redialling after a connection
 * drops, for the other's dial to arrive. If none does (the other box is off,
 * or has not added this one, or has a wrong address for it), it dials anyway,
 * and then keeps to the same backoff as everyone.
 */
export interface BackoffInit {
  /** The first wait before redialling a sibling; it doubles up to `maxRedialMs`. */
  firstRedialMs?: number;
  maxRedialMs?: number;
}

/** Defaults, with their reasons. */
export const BACKOFF_DEFAULTS = {
  // Quick enough that a sibling back from a reboot is found within seconds…
  firstRedialMs: 1_000,
  // …and slow enough that a sibling gone for a week costs a dial every five minutes, not a storm.
  maxRedialMs: 5 * 60_000,
} as const;

/**
 * A connection to a sibling that ends sooner than this counts as a failed dial: the other box hung up (it has not added
 * this one).
 */
const STABLE_CONNECTION_MS = 5_000;

/** Whether this box gives way to `peer` before dialling it: the one with the greater peer id does. */
export function givesWayTo(self: string, peer: string): boolean {
  return self > peer;
}

/** One sibling's redial schedule. */
export class RedialSchedule {
  nextAt: number;
  waitMs: number;
  dialling = false;
  /** When the current connection opened; null while there is none. */
  private connectedAt: number | null = null;
  private readonly init: Required<BackoffInit>;

  constructor(
    init: BackoffInit,
    private readonly givesWay: boolean,
    now: number,
  ) {
    this.init = { ...BACKOFF_DEFAULTS, ...init };
    this.nextAt = givesWay ? now + this.giveWayMs() : 0;
    this.waitMs = this.init.firstRedialMs;
  }

  /** Whether a dial may start now. */
  due(now: number): boolean {
    return !this.dialling && now >= this.nextAt;
  }

  /** A failed try: the next waits longer, doubling up to the most. */
  failed(): void {
    this.nextAt = Date.now() + this.waitMs;
    this.waitMs = Math.min(this.waitMs * 2, this.init.maxRedialMs);
  }

  connected(): void {
    this.connectedAt = Date.now();
  }

  disconnected(): void {
    const lasted = this.connectedAt === null ? 0 : Date.now() - this.connectedAt;
    this.connectedAt = null;
    if (lasted < STABLE_CONNECTION_MS) {
      // Hung up on at once: the other box has not added this one (yet), or is going down. A failed try, not a storm
      // of them.
      this.failed();
    } else {
      this.waitMs = this.init.firstRedialMs;
      this.nextAt = this.givesWay ? Date.now() + this.giveWayMs() : 0;
    }
  }

  /**
   * How long the box with the greater peer id waits for the other's dial: twice the first redial wait (2 s by default).
   */
  private giveWayMs(): number {
    return 2 * this.init.firstRedialMs;
  }
}
