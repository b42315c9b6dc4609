import { asError } from '../exchange.js';
import type { Gossiped, GossipOutcome, RecordsPort } from '../port.js';

export interface IntakeComponents {
  box: Pick<RecordsPort, 'acceptGossiped'>;
  /** This box's peer id. */
  self: string;
  now: () => Date;
}

export interface IntakeInit {
  /** Gossiped records taken in one write transaction at most. */
  batch?: number;
}

const DEFAULTS = {
  // As many as one catch-up answer holds at most (MAX_RECORDS_PER_RESPONSE): a burst of a thousand costs two commits.
  batch: 500,
};

/**
 * Hands checked records to the box. Records that arrive while a write
 * transaction is under way wait and go in the next one together: a burst
 * (a box sharing a thousand listings at once) costs a commit per batch, not
 * per record, while a lone record goes in at once.
 */
export class GossipIntake {
  /** Records checked and waiting for the next write transaction, each with its validator waiting for the outcome. */
  private queue: (Gossiped & { done: (outcome: GossipOutcome | Error) => void })[] = [];
  private taking = false;
  private readonly init: Required<IntakeInit>;

  constructor(
    private readonly components: IntakeComponents,
    init: IntakeInit = {},
  ) {
    this.init = { ...DEFAULTS, ...init };
  }

  /** Resolves with how the record fared, or with the error that kept the box from taking it (never rejects). */
  takeIn(gossiped: Gossiped): Promise<GossipOutcome | Error> {
    return new Promise((done) => {
      this.queue.push({ ...gossiped, done });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.taking) return;
    this.taking = true;
    const { box, self, now } = this.components;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.init.batch);
        try {
          const outcomes = await box.acceptGossiped(batch, self, now());
          for (const [i, item] of batch.entries()) item.done(outcomes[i]!);
        } catch (error) {
          for (const item of batch) item.done(asError(error));
        }
      }
    } finally {
      this.taking = false;
    }
  }
}
