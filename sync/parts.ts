import { CatchUpClient } from './catch-up/client.js';
import { HeardHorizons } from './catch-up/horizons.js';
import { Leases } from './catch-up/leases.js';
import { CatchUpServer } from './catch-up/server.js';
import { Gaps } from './gossip/gaps.js';
import { GossipIntake } from './gossip/intake.js';
import { Publisher } from './gossip/publisher.js';
import { RegionTopic } from './gossip/topic.js';
import { GossipValidator } from './gossip/validator.js';
import type { SyncLogger } from './logger.js';
import type { Network } from './network.js';
import { Rejections } from './rejections.js';
import { Replies } from './replies/replies.js';
import type { SyncComponents, SyncServiceInit } from './service.js';
import { Dialler } from './siblings/dialler.js';
import { DuplicateConnections } from './siblings/duplicates.js';
import { SiblingList } from './siblings/list.js';
import { Presence } from './siblings/presence.js';

/** The parts of the service, each with one job (see sync/README.md). */
export interface Parts {
  siblings: SiblingList;
  duplicates: DuplicateConnections;
  dialler: Dialler;
  presence: Presence;
  topic: RegionTopic;
  /** Gossip's gate, the topic's validator. */
  validator: GossipValidator;
  publisher: Publisher;
  gaps: Gaps;
  horizons: HeardHorizons;
  catchUp: CatchUpClient;
  catchUpServer: CatchUpServer;
  replies: Replies;
}

/** Builds the parts, each given only what it uses. */
export function composeParts(
  { box, identity, now }: SyncComponents,
  init: Required<SyncServiceInit>,
  self: string,
  network: Network,
  stopping: AbortSignal,
  log: SyncLogger,
): Parts {
  const siblings = new SiblingList({ box });
  const rejections = new Rejections({ box, now, log: log.forComponent('rejections') });
  const horizons = new HeardHorizons({ siblings, network });
  // The topic and gossip's gate need each other: the gate (below) is set as the topic's validator.
  let validator: GossipValidator;
  const topic = new RegionTopic({ box, network, validate: (source, data) => validator.validate(source, data) });
  const publisher = new Publisher({
    box,
    self,
    privateKey: identity.privateKey,
    now,
    network,
    topic,
    log: log.forComponent('publisher'),
  });
  const catchUp = new CatchUpClient(
    {
      box,
      self,
      now,
      siblings,
      network,
      leases: new Leases(),
      horizons,
      rejections,
      gossip: (records) => publisher.gossip(records),
      stopping,
      log: log.forComponent('catch-up'),
    },
    { intervalMs: init.catchUpIntervalMs },
  );
  const gaps = new Gaps({
    box,
    catchUpFrom: (peer) => catchUp.catchUpFrom(peer),
    stopping,
    log: log.forComponent('gaps'),
  });
  const intake = new GossipIntake({ box, self, now });
  validator = new GossipValidator({ box, intake, gaps, rejections, now, log: log.forComponent('gossip') });
  const duplicates = new DuplicateConnections({ self, network });
  return {
    siblings,
    duplicates,
    dialler: new Dialler(
      { self, network, stopping },
      { firstRedialMs: init.firstRedialMs, maxRedialMs: init.maxRedialMs },
    ),
    presence: new Presence({ box, now, siblings, network }, { seenRefreshMs: init.seenRefreshMs }),
    topic,
    validator,
    publisher,
    gaps,
    horizons,
    catchUp,
    catchUpServer: new CatchUpServer({ box, self, siblings, horizons, rejections, stopping }),
    replies: new Replies({ box, now, siblings, network, rejections, stopping }),
  };
}
