import type { PeerId } from '@libp2p/interface';
import type { Network } from '../network.js';

export interface DuplicatesComponents {
  /** This box's peer id. */
  self: string;
  network: Pick<Network, 'hasOpenConnection'>;
}

export interface DuplicatesInit {
  /** A connection that passed its handshake this recently is as good as open. */
  handshakeFreshMs?: number;
}

const DEFAULTS = {
  // The few seconds a handshake can take on a busy box, before the connection shows as open.
  handshakeFreshMs: 5_000,
} as const;

/**
 * One connection per pair of siblings. When both boxes dial at once, the
 * connection that the box with the lower peer id dialled is the one kept, on
 * both sides alike: the other is refused at the handshake, before any stream
 * is opened on it, if this box has seen the kept one open or through its
 * handshake. A connection dialled by the lower peer id is never refused for
 * this, so the pair is never left with none. (If the other's handshake
 * completes first, both stay; harmless, and made rare by the higher peer id
 * giving way before dialling: see `backoff.ts`.)
 */
export class DuplicateConnections {
  /**
   * Sibling → when a connection that the box with the lower peer id dialled last passed the handshake, as seen here.
   */
  private readonly handshakes = new Map<string, number>();
  private readonly init: Required<DuplicatesInit>;

  constructor(
    private readonly components: DuplicatesComponents,
    init: DuplicatesInit = {},
  ) {
    this.init = { ...DEFAULTS, ...init };
  }

  /** Whether a connection with a sibling that has just passed the encryption handshake would be a second one. */
  refuses(peer: PeerId, direction: 'inbound' | 'outbound'): boolean {
    const { self, network } = this.components;
    const id = peer.toString();
    const now = Date.now();
    const dialledByLower = direction === 'outbound' ? self < id : id < self;
    if (dialledByLower) {
      this.handshakes.set(id, now);
      return false;
    }
    if (now - (this.handshakes.get(id) ?? 0) < this.init.handshakeFreshMs) return true;
    return network.hasOpenConnection(peer, direction === 'outbound' ? 'inbound' : 'outbound');
  }

  forget(peer: string): void {
    this.handshakes.delete(peer);
  }
}
