import './polyfill.js';
import type { PeerId } from '@libp2p/interface';
import type { Federation } from '../src/federation/federation.js';
import { CATCH_UP_DEFAULTS } from './catch-up/client.js';
import { CATCH_UP_PROTOCOL } from './catch-up/protocol.js';
import { coalesced } from './coalesced.js';
import type { BoxIdentity } from './identity.js';
import { syncLogger, type SyncLogger } from './logger.js';
import { Network, type SyncNode } from './network.js';
import { createSyncNode } from './node.js';
import { composeParts, type Parts } from './parts.js';
import type { SyncPort } from './port.js';
import { REPLIES_PROTOCOL } from './replies/protocol.js';
import { BACKOFF_DEFAULTS } from './siblings/backoff.js';
import { siblingsOnly } from './siblings/gater.js';
import { SEEN_REFRESH_MS } from './siblings/presence.js';

/** What the sync service needs from the box. */
export interface SyncComponents {
  /** The box's database and listings, behind the port the app implements (`src/federation/sync-port.ts`). */
  box: SyncPort;
  identity: BoxIdentity;
  now: () => Date;
  log: (line: string) => void;
}

export interface SyncServiceInit {
  /** Multiaddrs to listen on, e.g. `/ip4/0.0.0.0/tcp/4001`. */
  listen: string[];
  /** List boxes seen on the LAN (mDNS) for stewards to approve. */
  mdns?: boolean;
  /** The first wait before redialling a sibling; it doubles up to `maxRedialMs`. */
  firstRedialMs?: number;
  maxRedialMs?: number;
  /** How often siblings are asked for what the box missed, besides on every (re)connection. */
  catchUpIntervalMs?: number;
  /** How often the sibling list, the redials and the queue of changed listings are looked at. */
  tickMs?: number;
  /** How often connected siblings are noted as seen (`last_seen_at`). */
  seenRefreshMs?: number;
}

/** Defaults, with their reasons (the parts' own are beside them: `siblings/backoff.ts`, `catch-up/client.ts`). */
const DEFAULTS = {
  mdns: false,
  firstRedialMs: BACKOFF_DEFAULTS.firstRedialMs,
  maxRedialMs: BACKOFF_DEFAULTS.maxRedialMs,
  catchUpIntervalMs: CATCH_UP_DEFAULTS.intervalMs,
  // A sibling added on the command line (another process) is noticed within this time.
  tickMs: 2_000,
  seenRefreshMs: SEEN_REFRESH_MS,
} as const;

/** Expired records and remote listings are dropped this often (search hides them the moment they expire). */
const PRUNE_INTERVAL_MS = 60_000;

/**
 * The box's peer layer: one libp2p node that keeps its siblings connected,
 * gossips and checks regional listing records, serves and runs catch-up, and
 * carries conversations across towns. This class only composes the parts and
 * runs the upkeep; each part does one job. Other protocols (inter-town
 * clearing) are meant to be added beside catch-up with `node.handle`, over the
 * same gated connections.
 */
export class SyncService implements Federation {
  private readonly init: Required<SyncServiceInit>;
  private readonly abort = new AbortController();
  private readonly log: SyncLogger;
  private readonly network = new Network();
  private readonly parts: Parts;
  private timer: NodeJS.Timeout | null = null;
  private lastPrune = 0;

  constructor(
    private readonly components: SyncComponents,
    init: SyncServiceInit,
  ) {
    this.init = { ...DEFAULTS, ...init };
    this.log = syncLogger(components.log, this.abort.signal);
    this.parts = composeParts(components, this.init, this.peerId, this.network, this.abort.signal, this.log);
  }

  get peerId(): string {
    return this.components.identity.peerId.toString();
  }

  /** The addresses the node listens on, each ending in this box's /p2p/ id. */
  addresses(): string[] {
    return this.network.node?.getMultiaddrs().map((ma) => ma.toString()) ?? [];
  }

  isConnected(peerId: string): boolean {
    return this.network.isConnected(peerId);
  }

  /**
   * Whether a sibling has joined this box's region topic as far as this box
   * knows: until then, gossip of this box's new records does not reach it
   * (it learns them at its next catch-up).
   */
  hearsGossip(peerId: string): boolean {
    return this.parts.topic.hears(peerId);
  }

  async start(): Promise<void> {
    const { siblings, duplicates, topic, catchUpServer, replies } = this.parts;
    const { progress, dropped } = await this.components.box.recoverHeld(this.peerId, this.components.now());
    if (progress.length > 0) this.log.info(`progress past the records held put back for ${progress.join(', ')}`);
    if (dropped > 0) this.log.info(`${dropped} records with times out of range dropped`);
    await siblings.reload((peer) => this.forget(peer));
    const node = await createSyncNode(
      this.components.identity.privateKey,
      this.init,
      siblingsOnly({ siblings, duplicates }),
    );
    this.network.node = node;
    this.listen(node);
    await node.handle(CATCH_UP_PROTOCOL, (stream, connection) => catchUpServer.serve(stream, connection), {
      maxInboundStreams: 4,
    });
    await node.handle(REPLIES_PROTOCOL, (stream, connection) => replies.serve(stream, connection), {
      maxInboundStreams: 8,
    });
    await node.start();
    await topic.follow();
    this.log.info(`peer id ${this.peerId}, listening on ${this.addresses().join(' ') || '(nothing)'}`);
    this.timer = setInterval(() => void this.tick(), this.init.tickMs);
    this.timer.unref();
    await this.tick();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    this.parts.gaps.stop();
    // Lets a pass under way finish (a pass asked for now returns at once).
    await this.upkeep();
    await this.network.node?.stop();
    this.network.node = null;
  }

  /** The sibling list changed (page or CLI): re-read it now rather than at the next tick. */
  siblingsChanged(): Promise<void> {
    return this.tick();
  }

  /**
   * Listings or conversations may have changed (the app calls this after every
   * write): issue and gossip new records and send waiting messages now, rather
   * than at the next tick. Calls during a pass share one more pass after it.
   */
  listingsChanged(): Promise<void> {
    return this.stopping ? Promise.resolve() : this.share();
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private readonly share = coalesced(async () => {
    if (this.stopping) return;
    await this.parts.publisher.publishPending().catch((error) => this.log.warn('publishing records', error));
    await this.parts.replies.deliver().catch((error) => this.log.warn('delivering messages', error));
  });

  /** One pass of upkeep; calls during a pass share one more pass after it. */
  private tick(): Promise<void> {
    return this.stopping ? Promise.resolve() : this.upkeep();
  }

  private readonly upkeep = coalesced(async () => {
    if (this.stopping) return;
    const { siblings, topic, catchUp, dialler, presence } = this.parts;
    try {
      await siblings.reload((peer) => this.forget(peer));
      await topic.follow();
      await this.share();
      const now = Date.now();
      for (const [peer, address] of siblings.addresses()) {
        if (this.stopping) return;
        if (this.network.isConnected(peer)) {
          if (catchUp.due(peer, now)) void catchUp.catchUpFrom(peer);
          continue;
        }
        dialler.dial(peer, address, now);
      }
      if (now - this.lastPrune >= PRUNE_INTERVAL_MS) {
        this.lastPrune = now;
        await this.components.box.pruneExpired(this.components.now());
      }
      await presence.refresh(now);
    } catch (error) {
      this.log.warn('upkeep', error);
    }
  });

  /** A sibling taken off the list: what the parts knew of it goes, and so does the connection. */
  private async forget(peer: string): Promise<void> {
    this.parts.dialler.forget(peer);
    this.parts.catchUp.forget(peer);
    this.parts.horizons.forget(peer);
    this.parts.duplicates.forget(peer);
    await this.network.hangUp(peer);
  }

  /** What the node tells: siblings connecting and going, joining the region's topic, and boxes seen on the LAN. */
  private listen(node: SyncNode): void {
    const { siblings, dialler, presence, catchUp, topic, publisher } = this.parts;
    node.addEventListener('peer:connect', (event) => {
      const id = event.detail.toString();
      if (!siblings.has(id)) return;
      dialler.connected(id);
      presence.seen(id);
      void catchUp.catchUpFrom(id);
    });
    node.addEventListener('peer:disconnect', (event) => this.disconnected(event.detail));
    // A sibling that has just joined the region's topic (its region set after it started, say) may hold what
    // was gossiped before: ask it, unless a catch-up from it is under way already (as on every connection).
    // Records this box published to nobody in the meantime go to it now (`Publisher.siblingJoined`).
    node.services.pubsub.addEventListener('subscription-change', (event) => {
      const peer = event.detail.peerId.toString();
      const joined = event.detail.subscriptions.some((s) => s.subscribe && s.topic === topic.current);
      if (!siblings.has(peer) || !joined) return;
      if (!catchUp.isRunning(peer)) void catchUp.catchUpFrom(peer);
      void publisher.siblingJoined().catch((error) => this.log.warn('gossiping unheard records', error));
    });
    node.addEventListener('peer:discovery', (event) => {
      const peer = event.detail.id.toString();
      if (siblings.has(peer) || peer === this.peerId) return;
      void this.components.box
        .noteDiscoveredPeer(
          peer,
          event.detail.multiaddrs.map((ma) => ma.toString()),
          this.components.now(),
        )
        .catch((error) => this.log.warn('noting a discovered box', error));
    });
  }

  private disconnected(peer: PeerId): void {
    const id = peer.toString();
    // What it held is told again on its next connection (it may come back restored from a backup, holding less).
    this.parts.horizons.forget(id);
    if (!this.parts.siblings.has(id) || this.stopping) return;
    this.parts.presence.seen(id);
    this.parts.dialler.disconnected(id);
    // Redial soon: the next tick dials, with the backoff this sibling has earned.
    void this.tick();
  }
}
