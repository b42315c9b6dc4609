import type { Connection, Stream } from '@libp2p/interface';
import { serveExchange } from '../exchange.js';
import type { RecordsPort } from '../port.js';
import { RecordRejected } from '../records.js';
import type { Rejections } from '../rejections.js';
import type { SiblingList } from '../siblings/list.js';
import type { HeardHorizons } from './horizons.js';
import { answerCatchUp, catchUpRequestSchema, MAX_REQUEST_BYTES } from './protocol.js';

export interface CatchUpServerComponents {
  box: Pick<RecordsPort, 'recordsAfter'>;
  /** This box's peer id. */
  self: string;
  siblings: Pick<SiblingList, 'has'>;
  horizons: Pick<HeardHorizons, 'note'>;
  rejections: Pick<Rejections, 'count'>;
  stopping: AbortSignal;
}

export interface CatchUpServerInit {
  /** An exchange that takes longer than this is cut. */
  timeoutMs?: number;
}

const DEFAULTS = {
  // The same as the asking side allows (`client.ts`): a sibling that goes silent holds the stream no longer.
  timeoutMs: 30_000,
};

/**
 * Answers a sibling's catch-up request (`/marketcross/listings/1.0.0`) with what this box holds for the origins
 * named.
 */
export class CatchUpServer {
  private readonly init: Required<CatchUpServerInit>;

  constructor(
    private readonly components: CatchUpServerComponents,
    init: CatchUpServerInit = {},
  ) {
    this.init = { ...DEFAULTS, ...init };
  }

  async serve(stream: Stream, connection: Connection): Promise<void> {
    const { box, self, siblings, horizons, rejections, stopping } = this.components;
    const from = connection.remotePeer.toString();
    const answerable = (origin: string) => origin === self || siblings.has(origin);
    await serveExchange(
      stream,
      MAX_REQUEST_BYTES,
      async (raw) => {
        const request = catchUpRequestSchema.safeParse(raw);
        if (!request.success) {
          await rejections.count(
            from,
            new RecordRejected('malformed', 'A catch-up request does not match the schema.'),
          );
          throw new Error('malformed catch-up request');
        }
        // What the sibling holds, so records this box later learns by catch-up are gossiped on only if it lacks them.
        horizons.note(from, request.data.origins, answerable);
        return answerCatchUp(box, request.data, answerable);
      },
      AbortSignal.any([stopping, AbortSignal.timeout(this.init.timeoutMs)]),
      (why) => rejections.count(from, new RecordRejected('malformed', `A catch-up request: ${why}`)),
    );
  }
}
