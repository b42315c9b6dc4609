import type { Connection, Stream } from '@libp2p/interface';
import { exchange, serveExchange } from '../exchange.js';
import type { Network } from '../network.js';
import type { RepliesPort } from '../port.js';
import { RecordRejected } from '../records.js';
import type { Rejections } from '../rejections.js';
import type { SiblingList } from '../siblings/list.js';
import { answerReply, deliverWaiting, MAX_REPLY_BYTES, REPLIES_PROTOCOL } from './protocol.js';

export interface RepliesComponents {
  box: RepliesPort;
  now: () => Date;
  siblings: Pick<SiblingList, 'peers'>;
  network: Pick<Network, 'isConnected' | 'openStream'>;
  rejections: Pick<Rejections, 'count'>;
  stopping: AbortSignal;
}

export interface RepliesInit {
  /** An exchange (one message and its answer) that takes longer than this is cut. */
  timeoutMs?: number;
}

const DEFAULTS = {
  // As catch-up allows (`catch-up/client.ts`); a message not answered by then is retried later.
  timeoutMs: 30_000,
};

/**
 * Conversations across towns (`/marketcross/replies/1.0.0`): sends the
 * messages waiting for siblings that are connected, and takes those siblings
 * send, each through the port to the box.
 */
export class Replies {
  private readonly init: Required<RepliesInit>;

  constructor(
    private readonly components: RepliesComponents,
    init: RepliesInit = {},
  ) {
    this.init = { ...DEFAULTS, ...init };
  }

  /** Sends the conversation messages waiting for siblings that are connected now. */
  async deliver(): Promise<void> {
    const { box, now, siblings, network } = this.components;
    const connected = siblings.peers().filter((peer) => network.isConnected(peer));
    await deliverWaiting(
      box,
      connected,
      async (peer, encoded) => {
        const stream = await network.openStream(peer, REPLIES_PROTOCOL, this.timeoutSignal());
        return exchange(stream, encoded, MAX_REPLY_BYTES, this.timeoutSignal());
      },
      now,
    );
  }

  async serve(stream: Stream, connection: Connection): Promise<void> {
    const { box, now, rejections } = this.components;
    const from = connection.remotePeer.toString();
    // What a sibling sends that is not a reply at all counts against it; a reply refused for its listing does not.
    const malformed = (why: string) => rejections.count(from, new RecordRejected('malformed', why));
    await serveExchange(
      stream,
      MAX_REPLY_BYTES,
      async (raw) => JSON.stringify(await answerReply(box, from, raw, now(), malformed)),
      this.timeoutSignal(),
      (why) => malformed(`A reply: ${why}`),
    );
  }

  private timeoutSignal(): AbortSignal {
    return AbortSignal.any([this.components.stopping, AbortSignal.timeout(this.init.timeoutMs)]);
  }
}
