import type { GossipSub } from '@libp2p/gossipsub';
import type { PeerId, Stream } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from 'libp2p';

export type SyncNode = Libp2p<{ pubsub: GossipSub }>;

/**
 * The libp2p node as the parts of the service see it. The node exists only
 * between `start()` and `stop()`, so the parts ask here rather than hold it:
 * before and after, there is no connection, and dials and streams fail.
 */
export class Network {
  node: SyncNode | null = null;

  get started(): boolean {
    return this.node !== null;
  }

  isConnected(peer: string): boolean {
    return this.node?.getConnections().some((c) => c.remotePeer.toString() === peer && c.status === 'open') ?? false;
  }

  /** Whether an open connection with `peer` goes in `direction` (as this box sees it). */
  hasOpenConnection(peer: PeerId, direction: 'inbound' | 'outbound'): boolean {
    return this.node?.getConnections(peer).some((c) => c.direction === direction && c.status === 'open') ?? false;
  }

  dial(target: Multiaddr, signal: AbortSignal): Promise<unknown> {
    if (!this.node) return Promise.reject(new Error('The peer layer is stopped.'));
    return this.node.dial(target, { signal });
  }

  /**
   * A stream for `protocol` on the open connection with a sibling (siblings are reached only through the gated
   * dial).
   */
  async openStream(peer: string, protocol: string, signal: AbortSignal): Promise<Stream> {
    if (!this.node) throw new Error('The peer layer is stopped.');
    const connection = this.node.getConnections().find((c) => c.remotePeer.toString() === peer);
    if (!connection) throw new Error(`Not connected to ${peer}.`);
    return this.node.dialProtocol(connection.remotePeer, protocol, { signal });
  }

  /** Closes the connection with `peer`, if there is one. */
  async hangUp(peer: string): Promise<void> {
    const connection = this.node?.getConnections().find((c) => c.remotePeer.toString() === peer);
    if (connection) await this.node!.hangUp(connection.remotePeer).catch(() => {});
  }

  pubsub(): GossipSub | null {
    return this.node?.services.pubsub ?? null;
  }
}
