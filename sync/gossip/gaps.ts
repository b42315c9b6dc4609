import type { SyncLogger } from '../logger.js';
import type { RecordsPort } from '../port.js';

export interface GapsComponents {
  box: Pick<RecordsPort, 'completeSeq'>;
  /** Asks a sibling for what this box missed (`catch-up/client.ts`). */
  catchUpFrom: (peer: string) => Promise<void>;
  stopping: AbortSignal;
  log: SyncLogger;
}

export interface GapsInit {
  /** How long a gap gossip left may stay open before a catch-up is asked for. */
  graceMs?: number;
}

const DEFAULTS = {
  // Records of a burst take different paths through the mesh and often arrive out of order, and the next one usually
  // closes the gap.
  graceMs: 2_000,
};

/**
 * Gaps gossip leaves in an origin's sequence numbers. Usually the missing
 * record is on its way by another path; if the gap is still there after a
 * grace period, catch up from the sibling that sent the record past it (it
 * had that one, so it is likely to hold what came before it).
 */
export class Gaps {
  /** Origin → the timer that checks whether its gap has closed. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly init: Required<GapsInit>;

  constructor(
    private readonly components: GapsComponents,
    init: GapsInit = {},
  ) {
    this.init = { ...DEFAULTS, ...init };
  }

  /** Gossip brought record `seq` of `origin` from `via` while an earlier one is missing. */
  seen(origin: string, seq: number, via: string): void {
    const { box, catchUpFrom, stopping, log } = this.components;
    if (this.timers.has(origin) || stopping.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(origin);
      box
        .completeSeq(origin)
        .then((horizon) => (horizon < seq && !stopping.aborted ? catchUpFrom(via) : undefined))
        .catch((error) => log.warn(`catching up from ${via}`, error));
    }, this.init.graceMs);
    timer.unref();
    this.timers.set(origin, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
