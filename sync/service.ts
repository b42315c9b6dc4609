import './polyfill.js';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { gossipsub, StrictSign, TopicValidatorResult, type GossipSub } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import type { Connection, PeerId, Stream } from '@libp2p/interface';
import { mdns } from '@libp2p/mdns';
import { tcp } from '@libp2p/tcp';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2p } from 'libp2p';
import type { Federation } from '../src/federation/federation.js';
import {
  answerCatchUp,
  CATCH_UP_PROTOCOL,
  catchUpRequestSchema,
  catchUpResponseSchema,
  MAX_ORIGINS_PER_REQUEST,
  MAX_REQUEST_BYTES,
  MAX_RESPONSE_BYTES,
} from './catch-up.js';
import { asError, exchange, serveExchange } from './exchange.js';
import type { BoxIdentity } from './identity.js';
import { answerReply, deliverWaiting, MAX_REPLY_BYTES, REPLIES_PROTOCOL } from './replies.js';
import {
  canonicalJson,
  decodeSignedRecord,
  encodeSignedRecord,
  RecordRejected,
  RECORD_VERSION,
  signRecord,
  verifySignedRecord,
  type SignedRecord,
} from './records.js';
import type { CaughtUp, Gossiped, GossipOutcome, SyncPort } from './port.js';
import { SEEN_REFRESH_MS } from './siblings/presence.js';

/** What the sync service needs from the box. */
export interface SyncComponents {
  /** The box's database and listings, behind the port the app implements. */
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

/** Defaults, with their reasons. */
const DEFAULTS = {
  mdns: false,
  // Quick enough that a sibling back from a reboot is found within seconds…
  firstRedialMs: 1_000,
  // …and slow enough that a sibling gone for a week costs a dial every five minutes, not a storm.
  maxRedialMs: 5 * 60_000,
  // Gossip is lossy; this bounds how long a lost record stays missing while both boxes are up.
  catchUpIntervalMs: 3 * 60_000,
  // A sibling added on the command line (another process) is noticed within this time.
  tickMs: 2_000,
  // marketcross doctor reads last_seen_at to tell which siblings are connected.
  seenRefreshMs: SEEN_REFRESH_MS,
} as const;

/** A dial that takes longer than this has failed: the sibling is redialled later. */
const DIAL_TIMEOUT_MS = 10_000;
/** Expired records and remote listings are dropped this often (search hides them the moment they expire). */
const PRUNE_INTERVAL_MS = 60_000;
const CATCH_UP_TIMEOUT_MS = 30_000;
/** Gossiped records taken in one write transaction at most (see `SyncService.takeIn`). */
const GOSSIP_BATCH = 500;
/**
 * A connection to a sibling that ends sooner than this counts as a failed dial: the other box hung up (it has not added
 * this one).
 */
const STABLE_CONNECTION_MS = 5_000;
/** A connection that passed its handshake this recently is as good as open (see `SyncService.duplicates`). */
const HANDSHAKE_FRESH_MS = 5_000;
/** A catch-up from one sibling stops after this many pages (500 records each), so it always ends. */
const MAX_CATCH_UP_PAGES = 10_000;
/**
 * Gossip that skips a sequence number gets this long to fill the gap before a
 * catch-up is asked for: records of a burst take different paths through the
 * mesh and often arrive out of order, and the next one usually closes the gap.
 */
const GAP_GRACE_MS = 2_000;

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

/** The gossip topic of a region's listings (see PROTOCOL.md). */
export function listingsTopic(region: string): string {
  return `marketcross/1/listings/${slugify(region, 60) || 'default'}`;
}

/**
 * The URL-safe form of a region's name, as `src/lib/slug.ts` makes it: kept here
 * because the topic is part of the wire protocol, and sync/ imports no code from the app.
 */
function slugify(name: string, maxLength: number): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

export interface SiblingLink {
  peerId: string;
  connected: boolean;
}

interface RedialState {
  nextAt: number;
  waitMs: number;
  dialling: boolean;
  /** When the current connection opened; null while there is none. */
  connectedAt: number | null;
}

/**
 * Held by the catch-up that is fetching an origin's records; the others wait for it and then ask only for what it did
 * not bring.
 */
interface Lease {
  released: Promise<void>;
  release: () => void;
}

/**
 * The box's peer layer: one libp2p node that keeps its siblings connected,
 * gossips and checks regional listing records, and serves and runs catch-up.
 * Other protocols (inter-town clearing) are meant to be added beside
 * catch-up with `node.handle`, over the same gated connections.
 */
export class SyncService implements Federation {
  private readonly init: Required<SyncServiceInit>;
  private node: Libp2p<{ pubsub: GossipSub }> | null = null;
  private siblings = new Map<string, string>();
  private readonly redial = new Map<string, RedialState>();
  private timer: NodeJS.Timeout | null = null;
  private lastCatchUp = new Map<string, number>();
  private readonly catchingUp = new Map<string, { again: boolean; done: Promise<void> }>();
  /** Origin → the catch-up fetching its records now: one sibling at a time is asked for an origin. */
  private readonly fetching = new Map<string, Lease>();
  /** Sibling → origin → the horizon it gave in its last catch-up request: what it is known to hold. */
  private readonly heardHorizons = new Map<string, Map<string, number>>();
  /** Origin → the timer that checks whether a gap gossip left has closed. */
  private readonly gaps = new Map<string, NodeJS.Timeout>();
  /**
   * Gossiped records checked and waiting for the next write transaction, each with its validator waiting for the
   * outcome.
   */
  private intake: (Gossiped & { done: (outcome: GossipOutcome | Error) => void })[] = [];
  private takingIn = false;
  /**
   * Sibling → when a connection that the box with the lower peer id dialled last passed the handshake, as seen here.
   */
  private readonly handshakes = new Map<string, number>();
  private topic: string | null = null;
  private lastPrune = 0;
  private lastSeenNoted = 0;
  private stopping = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly components: SyncComponents,
    init: SyncServiceInit,
  ) {
    this.init = { ...DEFAULTS, ...init };
  }

  get peerId(): string {
    return this.components.identity.peerId.toString();
  }

  /** The addresses the node listens on, each ending in this box's /p2p/ id. */
  addresses(): string[] {
    return this.node?.getMultiaddrs().map((ma) => ma.toString()) ?? [];
  }

  isConnected(peerId: string): boolean {
    return this.node?.getConnections().some((c) => c.remotePeer.toString() === peerId && c.status === 'open') ?? false;
  }

  /**
   * Whether a sibling has joined this box's region topic as far as this box
   * knows: until then, gossip of this box's new records does not reach it
   * (it learns them at its next catch-up).
   */
  hearsGossip(peerId: string): boolean {
    return (
      this.node !== null &&
      this.topic !== null &&
      this.node.services.pubsub.getSubscribers(this.topic).some((peer) => peer.toString() === peerId)
    );
  }

  async start(): Promise<void> {
    const { identity, log } = this.components;
    await this.loadSiblings();
    const isSibling = (peer: PeerId) => this.siblings.has(peer.toString());
    this.node = await createLibp2p({
      privateKey: identity.privateKey,
      start: false,
      addresses: { listen: this.init.listen },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      // Federation is by agreement: every peer not on the list is refused, dialling out and in.
      // And one connection per sibling is enough: see `duplicates`.
      connectionGater: {
        denyDialPeer: (peer) => !isSibling(peer),
        denyInboundEncryptedConnection: (peer) => !isSibling(peer) || this.duplicates(peer, 'inbound'),
        denyOutboundEncryptedConnection: (peer) => !isSibling(peer) || this.duplicates(peer, 'outbound'),
      },
      peerDiscovery: this.init.mdns ? [mdns()] : [],
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
    this.node.addEventListener('peer:connect', (event) => this.onConnect(event.detail));
    this.node.addEventListener('peer:disconnect', (event) => this.onDisconnect(event.detail));
    // A sibling that has just joined the region's topic (its region set after it started, say) may hold what
    // was gossiped before: ask it, unless a catch-up from it is under way already (as on every connection).
    this.node.services.pubsub.addEventListener('subscription-change', (event) => {
      const peer = event.detail.peerId.toString();
      if (
        this.siblings.has(peer) &&
        !this.catchingUp.has(peer) &&
        event.detail.subscriptions.some((s) => s.subscribe && s.topic === this.topic)
      )
        void this.catchUpFrom(peer);
    });
    this.node.addEventListener('peer:discovery', (event) => {
      const peer = event.detail.id.toString();
      if (this.siblings.has(peer) || peer === this.peerId) return;
      void this.components.box
        .noteDiscoveredPeer(
          peer,
          event.detail.multiaddrs.map((ma) => ma.toString()),
          this.components.now(),
        )
        .catch((error) => this.warn('noting a discovered box', error));
    });
    await this.node.handle(CATCH_UP_PROTOCOL, (stream, connection) => this.serveCatchUp(stream, connection), {
      maxInboundStreams: 4,
    });
    await this.node.handle(REPLIES_PROTOCOL, (stream, connection) => this.serveReply(stream, connection), {
      maxInboundStreams: 8,
    });
    await this.node.start();
    await this.followRegion();
    log(`sync: peer id ${this.peerId}, listening on ${this.addresses().join(' ') || '(nothing)'}`);
    this.timer = setInterval(() => void this.tick(), this.init.tickMs);
    this.timer.unref();
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    for (const timer of this.gaps.values()) clearTimeout(timer);
    this.gaps.clear();
    this.abort.abort();
    // Lets a pass under way finish (a pass asked for now returns at once).
    await this.upkeep();
    await this.node?.stop();
    this.node = null;
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

  private readonly share = coalesced(async () => {
    if (this.stopping) return;
    await this.publishPending().catch((error) => this.warn('publishing records', error));
    await this.deliverReplies().catch((error) => this.warn('delivering messages', error));
  });

  /** One pass of upkeep; calls during a pass share one more pass after it. */
  private tick(): Promise<void> {
    return this.stopping ? Promise.resolve() : this.upkeep();
  }

  private readonly upkeep = coalesced(async () => {
    if (this.stopping) return;
    try {
      await this.loadSiblings();
      await this.followRegion();
      await this.share();
      const now = Date.now();
      for (const [peer, address] of this.siblings) {
        if (this.stopping) return;
        if (this.isConnected(peer)) {
          if (now - (this.lastCatchUp.get(peer) ?? 0) >= this.init.catchUpIntervalMs) void this.catchUpFrom(peer);
          continue;
        }
        this.dialWithBackoff(peer, address, now);
      }
      if (now - this.lastPrune >= PRUNE_INTERVAL_MS) {
        this.lastPrune = now;
        await this.components.box.pruneExpired(this.components.now());
      }
      if (now - this.lastSeenNoted >= this.init.seenRefreshMs) {
        this.lastSeenNoted = now;
        await this.components.box.markSiblingSeen(
          [...this.siblings.keys()].filter((peer) => this.isConnected(peer)),
          this.components.now(),
        );
      }
    } catch (error) {
      this.warn('upkeep', error);
    }
  });

  /** Sends the conversation messages waiting for siblings that are connected now. */
  private async deliverReplies(): Promise<void> {
    const connected = [...this.siblings.keys()].filter((peer) => this.isConnected(peer));
    await deliverWaiting(
      this.components.box,
      connected,
      async (peer, encoded) => {
        const stream = await this.node!.dialProtocol(connectedPeer(this.node!, peer), REPLIES_PROTOCOL, {
          signal: this.timeoutSignal(),
        });
        return exchange(stream, encoded, MAX_REPLY_BYTES, this.timeoutSignal());
      },
      this.components.now,
    );
  }

  private async serveReply(stream: Stream, connection: Connection): Promise<void> {
    const from = connection.remotePeer.toString();
    await serveExchange(
      stream,
      MAX_REPLY_BYTES,
      async (raw) => JSON.stringify(await answerReply(this.components.box, from, raw, this.components.now())),
      this.timeoutSignal(),
    );
  }

  private async loadSiblings(): Promise<void> {
    const listed = await this.components.box.listSiblings();
    const next = new Map(listed.map((s) => [s.peerId, s.address]));
    for (const peer of this.siblings.keys()) {
      if (next.has(peer)) continue;
      // Taken off the list: the connection goes too.
      this.redial.delete(peer);
      this.lastCatchUp.delete(peer);
      this.heardHorizons.delete(peer);
      this.handshakes.delete(peer);
      const connection = this.node?.getConnections().find((c) => c.remotePeer.toString() === peer);
      if (connection) await this.node!.hangUp(connection.remotePeer).catch(() => {});
    }
    this.siblings = next;
  }

  /** Subscribes to the community's region topic (the region can be set after start, at setup). */
  private async followRegion(): Promise<void> {
    if (!this.node) return;
    const region = await this.components.box.region();
    const topic = region !== null ? listingsTopic(region) : null;
    if (topic === this.topic) return;
    const pubsub = this.node.services.pubsub;
    if (this.topic) {
      pubsub.unsubscribe(this.topic);
      pubsub.topicValidators.delete(this.topic);
    }
    this.topic = topic;
    if (!topic) return;
    pubsub.topicValidators.set(topic, (peer, message) => this.validateGossip(peer, message.data));
    pubsub.subscribe(topic);
  }

  /**
   * Turns the queue of changed listings into signed records with this box's
   * next sequence numbers, in one write transaction, then gossips them.
   */
  private async publishPending(): Promise<void> {
    const { box, identity } = this.components;
    const self = this.peerId;
    const now = this.components.now();
    const issued = await box.publishing(async (own) => {
      const changed = await own.takeChanges();
      const records: SignedRecord[] = [];
      for (const listingSeq of changed) {
        const view = await own.viewOf(listingSeq, async (id) => (await own.heldRecord(self, id)) !== null, now);
        if (!view) continue;
        const body = {
          v: RECORD_VERSION,
          origin: self,
          listing: view.listingId,
          op: view.op,
          town: view.town,
          expires_at: view.expiresAt,
          fields: view.fields,
        } as const;
        const held = await own.heldRecord(self, view.listingId);
        // Nothing a sibling would see has changed (a reminder was noted, say): no new record.
        if (held && canonicalJson({ ...held.signed.record, seq: 0 }) === canonicalJson({ ...body, seq: 0 })) continue;
        const signed = await signRecord({ ...body, seq: await own.issueSeq(self) }, identity.privateKey);
        await own.storeOwnRecord(signed);
        records.push(signed);
      }
      return records;
    });
    await this.gossip(issued);
  }

  /** Sends records to the region's topic: this box's own, and those it learnt by catch-up that a sibling may lack. */
  private async gossip(records: SignedRecord[]): Promise<void> {
    if (!this.node || !this.topic) return;
    for (const signed of records) {
      await this.node.services.pubsub
        .publish(this.topic, encodeSignedRecord(signed))
        .catch((error) => this.warn('gossiping a record', error));
    }
  }

  /**
   * Whether a record this box learnt by catch-up from `from` is worth gossiping
   * on: only when a connected sibling is known to lack it, by the horizon it
   * gave in its latest catch-up request. A sibling that has not asked about the
   * record's origin since it connected is about to (a box catches up on every
   * connection), and this box's answer will hold the record. So a box back from
   * a restart, whose siblings hold what it is catching up on, does not send it
   * all round the region again; while one whose sibling asked before the box
   * had the records passes them on at once.
   */
  private lackedByASibling(signed: SignedRecord, from: string): boolean {
    const { origin, seq } = signed.record;
    for (const peer of this.siblings.keys()) {
      if (peer === from || !this.isConnected(peer)) continue;
      const horizon = this.heardHorizons.get(peer)?.get(origin);
      if (horizon !== undefined && horizon < seq) return true;
    }
    return false;
  }

  /**
   * Gossip's gate: only records that verify, from a sibling origin, newer than
   * what is held, are stored and passed on. A record whose origin is not on the
   * list is no fault of the sibling that relayed it (its stewards may have
   * agreed to a box ours have not): it is ignored (neither stored nor passed
   * on) and counted for the box as a whole. Everything else turned away counts
   * against the sibling that sent it.
   */
  private async validateGossip(source: PeerId, data: Uint8Array): Promise<TopicValidatorResult> {
    const { box, now } = this.components;
    const via = source.toString();
    let signed: SignedRecord | null = null;
    try {
      signed = await decodeSignedRecord(data);
      const taken = await this.takeIn({ signed, from: via });
      if (taken instanceof Error) throw taken;
      if (taken.outcome !== 'accepted') return TopicValidatorResult.Ignore;
      // A record beyond what this box holds completely: one before it is missing, for now.
      if (signed.record.seq > taken.horizon) this.gapSeen(signed.record.origin, signed.record.seq, via);
      return TopicValidatorResult.Accept;
    } catch (error) {
      if (!(error instanceof RecordRejected)) {
        // This box's own trouble (its database, say), not the sibling's: the record is let go, and comes back by
        // catch-up.
        this.warn(`taking a record from ${via}`, error);
        return TopicValidatorResult.Ignore;
      }
      if (error.problem === 'not-a-sibling' && signed) {
        await box
          .countUnknownOrigin(signed.record.origin, via, now())
          .catch((failure) => this.warn('counting a record from an unknown origin', failure));
        return TopicValidatorResult.Ignore;
      }
      await this.countRejection(via, error);
      return TopicValidatorResult.Reject;
    }
  }

  /**
   * Hands a checked record to the store. Records that arrive while a write
   * transaction is under way wait and go in the next one together: a burst
   * (a box sharing a thousand listings at once) costs a commit per batch, not
   * per record, while a lone record goes in at once.
   */
  private takeIn(gossiped: Gossiped): Promise<GossipOutcome | Error> {
    return new Promise((done) => {
      this.intake.push({ ...gossiped, done });
      void this.drainIntake();
    });
  }

  private async drainIntake(): Promise<void> {
    if (this.takingIn) return;
    this.takingIn = true;
    try {
      while (this.intake.length > 0) {
        const batch = this.intake.splice(0, GOSSIP_BATCH);
        try {
          const outcomes = await this.components.box.acceptGossiped(batch, this.peerId, this.components.now());
          for (const [i, item] of batch.entries()) item.done(outcomes[i]!);
        } catch (error) {
          for (const item of batch) item.done(asError(error));
        }
      }
    } finally {
      this.takingIn = false;
    }
  }

  /**
   * Gossip brought record `seq` of `origin` while an earlier one is missing.
   * Usually the missing one is on its way by another path; if the gap is still
   * there after a grace period, catch up from the sibling that sent this one
   * (it had it, so it is likely to hold what came before it).
   */
  private gapSeen(origin: string, seq: number, via: string): void {
    if (this.gaps.has(origin) || this.stopping) return;
    const timer = setTimeout(() => {
      this.gaps.delete(origin);
      this.components.box
        .completeSeq(origin)
        .then((horizon) => (horizon < seq && !this.stopping ? this.catchUpFrom(via) : undefined))
        .catch((error) => this.warn(`catching up from ${via}`, error));
    }, GAP_GRACE_MS);
    timer.unref();
    this.gaps.set(origin, timer);
  }

  private async countRejection(via: string, error: unknown): Promise<void> {
    const reason =
      error instanceof RecordRejected ? `${error.problem}: ${error.message}` : `error: ${asError(error).message}`;
    await this.components.box.countRejected(via, reason, this.components.now()).catch(() => {});
    if (!(error instanceof RecordRejected)) this.warn(`checking a record from ${via}`, error);
  }

  /**
   * Both boxes of a pair dial each other (each has the other on its list), and
   * two dials at once make two connections. So the box with the greater peer id
   * gives way: it waits a little before its first dial, and before redialling
   * after a connection drops, for the other's dial to arrive. If none does (the
   * other box is off, or has not added this one, or has a wrong address for it),
   * it dials anyway, and then keeps to the same backoff as everyone.
   */
  private givesWayTo(peer: string): boolean {
    return this.peerId > peer;
  }

  /**
   * Whether a connection with a sibling that has just passed the encryption
   * handshake would be a second one. When both boxes dial at once, the
   * connection that the box with the lower peer id dialled is the one kept, on
   * both sides alike: the other is refused here, before any stream is opened on
   * it, if this box has seen the kept one open or through its handshake (the
   * few seconds a handshake can take on a busy box). A connection dialled by
   * the lower peer id is never refused for this, so the pair is never left with
   * none. (If the other's handshake completes first, both stay; harmless, and
   * made rare by the higher peer id giving way before dialling.)
   */
  private duplicates(peer: PeerId, direction: 'inbound' | 'outbound'): boolean {
    const id = peer.toString();
    const now = Date.now();
    const dialledByLower = direction === 'outbound' ? this.peerId < id : id < this.peerId;
    if (dialledByLower) {
      this.handshakes.set(id, now);
      return false;
    }
    if (now - (this.handshakes.get(id) ?? 0) < HANDSHAKE_FRESH_MS) return true;
    const kept = direction === 'outbound' ? 'inbound' : 'outbound';
    return this.node?.getConnections(peer).some((c) => c.direction === kept && c.status === 'open') ?? false;
  }

  private dialWithBackoff(peer: string, address: string, now: number): void {
    let state = this.redial.get(peer);
    if (!state) {
      state = {
        nextAt: this.givesWayTo(peer) ? now + this.giveWayMs() : 0,
        waitMs: this.init.firstRedialMs,
        dialling: false,
        connectedAt: null,
      };
      this.redial.set(peer, state);
    }
    if (state.dialling || now < state.nextAt || !this.node) return;
    state.dialling = true;
    const target = multiaddr(`${address}/p2p/${peer}`);
    const current = state;
    // Success is judged when the connection ends (`onDisconnect`): one the other box hangs up on at once is no success.
    this.node
      .dial(target, { signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(DIAL_TIMEOUT_MS)]) })
      .catch(() => this.backOff(current))
      .finally(() => {
        current.dialling = false;
      });
  }

  /** A failed try: the next waits longer, doubling up to the most. */
  private backOff(state: RedialState): void {
    state.nextAt = Date.now() + state.waitMs;
    state.waitMs = Math.min(state.waitMs * 2, this.init.maxRedialMs);
  }

  /**
   * How long the box with the greater peer id waits for the other's dial: twice the first redial wait (2 s by default).
   */
  private giveWayMs(): number {
    return 2 * this.init.firstRedialMs;
  }

  private onConnect(peer: PeerId): void {
    const id = peer.toString();
    if (!this.siblings.has(id)) return;
    const state = this.redial.get(id);
    if (state) state.connectedAt = Date.now();
    void this.components.box.markSiblingSeen(id, this.components.now()).catch(() => {});
    void this.catchUpFrom(id);
  }

  private onDisconnect(peer: PeerId): void {
    const id = peer.toString();
    // What it held is told again on its next connection (it may come back restored from a backup, holding less).
    this.heardHorizons.delete(id);
    if (!this.siblings.has(id) || this.stopping) return;
    void this.components.box.markSiblingSeen(id, this.components.now()).catch(() => {});
    const state = this.redial.get(id);
    if (state) {
      const lasted = state.connectedAt === null ? 0 : Date.now() - state.connectedAt;
      state.connectedAt = null;
      if (lasted < STABLE_CONNECTION_MS) {
        // Hung up on at once: the other box has not added this one (yet), or is going down. A failed try, not a storm
        // of them.
        this.backOff(state);
      } else {
        state.waitMs = this.init.firstRedialMs;
        state.nextAt = this.givesWayTo(id) ? Date.now() + this.giveWayMs() : 0;
      }
    }
    // Redial soon: the next tick dials, with the backoff this sibling has earned.
    void this.tick();
  }

  /**
   * Asks one sibling for everything after what this box holds. A call while a
   * catch-up from the same sibling runs is not lost: one more round follows it.
   */
  catchUpFrom(peer: string): Promise<void> {
    const running = this.catchingUp.get(peer);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      do {
        state.again = false;
        await this.catchUpRounds(peer);
      } while (state.again && !this.stopping);
    })().finally(() => this.catchingUp.delete(peer));
    this.catchingUp.set(peer, state);
    return state.done;
  }

  /**
   * Page after page from one sibling, until its answers move no horizon. An
   * origin whose records another catch-up is fetching at the moment (from
   * another sibling) is left out of the request until that one is done, and
   * then asked for from here only past what it brought: a box back from a
   * restart, whose siblings all connect at once, takes what it missed once,
   * not once from each.
   */
  private async catchUpRounds(peer: string): Promise<void> {
    if (!this.node || this.stopping) return;
    this.lastCatchUp.set(peer, Date.now());
    // Itself too: after a restore, the box learns back the last sequence number it issued.
    const wanted = new Set([this.peerId, ...this.siblings.keys()].slice(0, MAX_ORIGINS_PER_REQUEST));
    const mine = new Set<string>();
    try {
      for (let page = 0; wanted.size > 0 && page < MAX_CATCH_UP_PAGES && !this.stopping; ) {
        for (const origin of wanted) if (this.claim(origin)) mine.add(origin);
        if (mine.size === 0) {
          await Promise.race([...wanted].map((origin) => this.fetching.get(origin)?.released ?? Promise.resolve()));
          continue;
        }
        if (!this.isConnected(peer)) return;
        const advanced = await this.catchUpPage(peer, [...mine]);
        page++;
        for (const origin of mine) {
          if (advanced.has(origin)) continue;
          mine.delete(origin);
          wanted.delete(origin);
          this.letGo(origin);
        }
      }
    } catch (error) {
      // A malformed answer counts against the sibling; a dropped stream or a timeout is the network's doing.
      if (this.stopping) return;
      if (error instanceof RecordRejected || error instanceof SyntaxError) await this.countRejection(peer, error);
      else if (this.isConnected(peer)) this.warn(`catching up from ${peer}`, error);
    } finally {
      for (const origin of mine) this.letGo(origin);
    }
  }

  /**
   * One request and its answer: the records are checked first (signatures
   * take the time, and no transaction is held meanwhile), then taken in a few
   * write transactions (`acceptCaughtUp`). Returns the origins whose horizon
   * the answer moved.
   */
  private async catchUpPage(peer: string, origins: string[]): Promise<Set<string>> {
    const { box, now } = this.components;
    const request = {
      origins: await Promise.all(origins.map(async (origin) => ({ origin, after: await box.completeSeq(origin) }))),
    };
    const stream = await this.node!.dialProtocol(connectedPeer(this.node!, peer), CATCH_UP_PROTOCOL, {
      signal: this.timeoutSignal(),
    });
    const parsed = catchUpResponseSchema.safeParse(
      await exchange(stream, JSON.stringify(request), MAX_RESPONSE_BYTES, this.timeoutSignal()),
    );
    if (!parsed.success) throw new RecordRejected('malformed', 'The catch-up answer does not match the schema.');
    const page: CaughtUp[] = [];
    for (const answer of parsed.data.origins) {
      const asked = request.origins.find((o) => o.origin === answer.origin);
      if (!asked || page.some((p) => p.origin === answer.origin)) continue;
      const records: SignedRecord[] = [];
      for (const raw of answer.records) {
        try {
          const signed = await verifySignedRecord(raw.record, raw.sig);
          if (
            signed.record.origin !== answer.origin ||
            signed.record.seq <= asked.after ||
            signed.record.seq > answer.up_to
          )
            throw new RecordRejected('malformed', 'A catch-up record lies outside the range it was sent for.');
          records.push(signed);
        } catch (error) {
          await this.countRejection(peer, error);
        }
      }
      page.push({ origin: answer.origin, after: asked.after, upTo: answer.up_to, records });
    }
    const { accepted, refused, advanced } = await box.acceptCaughtUp(page, this.peerId, peer, now());
    for (const refusal of refused) await this.countRejection(peer, refusal);
    await this.gossip(accepted.filter((signed) => this.lackedByASibling(signed, peer)));
    return advanced;
  }

  /** Takes the lease on an origin's records, if no other catch-up holds it. */
  private claim(origin: string): boolean {
    if (this.fetching.has(origin)) return false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.fetching.set(origin, { released, release });
    return true;
  }

  private letGo(origin: string): void {
    const lease = this.fetching.get(origin);
    this.fetching.delete(origin);
    lease?.release();
  }

  private async serveCatchUp(stream: Stream, connection: Connection): Promise<void> {
    const { box } = this.components;
    const from = connection.remotePeer.toString();
    const answerable = (origin: string) => origin === this.peerId || this.siblings.has(origin);
    await serveExchange(
      stream,
      MAX_REQUEST_BYTES,
      async (raw) => {
        const request = catchUpRequestSchema.safeParse(raw);
        if (!request.success) {
          await this.countRejection(
            from,
            new RecordRejected('malformed', 'A catch-up request does not match the schema.'),
          );
          throw new Error('malformed catch-up request');
        }
        // What the sibling holds, so records this box later learns by catch-up are gossiped on only if it lacks them.
        const heard = this.heardHorizons.get(from) ?? new Map<string, number>();
        for (const { origin, after } of request.data.origins) if (answerable(origin)) heard.set(origin, after);
        if (this.siblings.has(from)) this.heardHorizons.set(from, heard);
        return answerCatchUp(box, request.data, answerable);
      },
      this.timeoutSignal(),
    );
  }

  private timeoutSignal(): AbortSignal {
    return AbortSignal.any([this.abort.signal, AbortSignal.timeout(CATCH_UP_TIMEOUT_MS)]);
  }

  private warn(doing: string, error: unknown): void {
    if (this.stopping) return;
    this.components.log(`sync: ${doing} failed: ${asError(error).message}`);
  }
}

/** The open connection's peer id, to open a stream on it (siblings are only ever reached through the gated dial). */
function connectedPeer(node: Libp2p, peer: string): PeerId {
  const connection = node.getConnections().find((c) => c.remotePeer.toString() === peer);
  if (!connection) throw new Error(`Not connected to ${peer}.`);
  return connection.remotePeer;
}

/**
 * Wraps `work` so it never runs twice at once: a call while it runs gets one
 * more run after it, shared with every other call made meanwhile.
 */
function coalesced(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const run = (): Promise<void> => {
    if (!running) {
      running = work().finally(() => {
        running = null;
      });
      return running;
    }
    next ??= running.then(() => {
      next = null;
      return run();
    });
    return next;
  };
  return run;
}
