import type { ConnectionGater, PeerId } from '@libp2p/interface';
import type { DuplicateConnections } from './duplicates.js';
import type { SiblingList } from './list.js';

export interface GaterComponents {
  siblings: Pick<SiblingList, 'has'>;
  duplicates: Pick<DuplicateConnections, 'refuses'>;
}

/**
 * The node's connection gater. Federation is by agreement: every peer not on
 * the list is refused, dialling out and in. And one connection per sibling is
 * enough: a second is refused at the handshake (`duplicates.ts`).
 */
export function siblingsOnly({ siblings, duplicates }: GaterComponents): ConnectionGater {
  const isSibling = (peer: PeerId) => siblings.has(peer.toString());
  return {
    denyDialPeer: (peer) => !isSibling(peer),
    denyInboundEncryptedConnection: (peer) => !isSibling(peer) || duplicates.refuses(peer, 'inbound'),
    denyOutboundEncryptedConnection: (peer) => !isSibling(peer) || duplicates.refuses(peer, 'outbound'),
  };
}
