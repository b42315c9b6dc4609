import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { gossipsub, StrictSign } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import type { ConnectionGater, PrivateKey } from '@libp2p/interface';
import { mdns } from '@libp2p/mdns';
import { tcp } from '@libp2p/tcp';
import { createLibp2p } from 'libp2p';
import type { SyncNode } from './network.js';

/**
 * gossipsub's mesh, sized for a region rather than a public network. Its
 * defaults (D 6, Dlo 4, Dhi 12, Dlazy 6) suit thousands of anonymous peers; a
 * region is about ten boxes, each connected only to the few its stewards agreed
 * to (usually two to five neighbouring towns), with every link trusted.
 * - D 4 (Dlo 3, Dhi 6): a box with up to four siblings still has them all in
 *   its mesh (with so few paths, every link should carry each record), while
 *   one connected to all nine of a fully meshed region forwards each record to
 *   four rather than six: a mesh in which every box has four links already
 *   reaches all ten within two or three hops and stays whole if a link fails,
 *   and the siblings left out still hear of each record by IHAVE.
 * - Dout 2 (must stay below Dlo and at most D/2): at least two mesh links are
 *   ones this box dialled.
 * - Dscore 2: with a mesh of four, keep two by score and choose the others at random.
 * - Dlazy 3: each heartbeat, IHAVE goes to three siblings outside the mesh (there
 *   are at most five in a region of ten): a sibling that missed a record fetches
 *   it by IWANT within a second or so, long before catch-up would.
 * The rest stay as they are: the message cache (five heartbeats), the
 * seen-cache (two minutes), and IDONTWANT for messages over 512 bytes (a
 * signed record is about 600: measured on the ten-box bench, the notices save
 * more in duplicates than they cost, about 13% of the bytes per listing).
 */
const MESH = { D: 4, Dlo: 3, Dhi: 6, Dout: 2, Dscore: 2, Dlazy: 3 } as const;

export interface NodeInit {
  /** Multiaddrs to listen on, e.g. `/ip4/0.0.0.0/tcp/4001`. */
  listen: string[];
  /** List boxes seen on the LAN (mDNS) for stewards to approve. */
  mdns: boolean;
}

/** The box's libp2p node (not started): TCP, Noise, Yamux, identify, and gossipsub with strict signing. */
export function createSyncNode(privateKey: PrivateKey, init: NodeInit, gater: ConnectionGater): Promise<SyncNode> {
  return createLibp2p({
    privateKey,
    start: false,
    addresses: { listen: init.listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: gater,
    peerDiscovery: init.mdns ? [mdns()] : [],
    services: {
      identify: identify(),
      pubsub: gossipsub({
        globalSignaturePolicy: StrictSign,
        emitSelf: false,
        // A box alone in its region still records its listings; siblings catch up later.
        allowPublishToZeroTopicPeers: true,
        // Peer exchange would introduce boxes no steward agreed to.
        doPX: false,
        ...MESH,
      }),
    },
  });
}
