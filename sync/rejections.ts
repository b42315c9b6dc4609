import { asError } from './exchange.js';
import type { SyncLogger } from './logger.js';
import type { SiblingsPort } from './port.js';
import { RecordRejected } from './records.js';

export interface RejectionsComponents {
  box: Pick<SiblingsPort, 'countRejected'>;
  now: () => Date;
  log: SyncLogger;
}

/**
 * What a sibling sends that fails a check counts against it, with the reason,
 * on the stewards' page (`/stewards/siblings`). Anything else that went wrong
 * while checking is this box's own trouble: logged, and counted too.
 */
export class Rejections {
  constructor(private readonly components: RejectionsComponents) {}

  async count(via: string, error: unknown): Promise<void> {
    const { box, now, log } = this.components;
    const reason =
      error instanceof RecordRejected ? `${error.problem}: ${error.message}` : `error: ${asError(error).message}`;
    await box.countRejected(via, reason, now()).catch(() => {});
    if (!(error instanceof RecordRejected)) log.warn(`checking a record from ${via}`, error);
  }
}
