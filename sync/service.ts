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
import type { DB } from '../src/db/database.js';
import type { Federation } from '../src/federation/federation.js';
import { immediateTransaction } from '../src/db/immediate.js';
import { regionalViewOf, takeRegionalChanges } from '../src/listings/regional.js';
import { slugify } from '../src/lib/slug.js';
import { answerCatchUp, CATCH_UP_PROTOCOL, catchUpRequestSchema, catchUpResponseSchema, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES } from './catch-up.js';
import { exchange, serveExchange } from './exchange.js';
import type { BoxIdentity } from './identity.js';
import { answerReply, deliverWaiting, MAX_REPLY_BYTES, REPLIES_PROTOCOL } from './replies.js';
import { canonicalJson, decodeSignedRecord, encodeSignedRecord, RecordRejected, RECORD_VERSION, signRecord, verifySignedRecord, type SignedRecord } from './records.js';
import {
  acceptRecord,
  advanceCompleteSeq,
  completeSeq,
  countReceived,
  countRejected,
  heldRecord,
  issueSeq,
  listSiblings,
  markSiblingSeen,
  noteDiscoveredPeer,
  pruneExpired,
  storeOwnRecord,
} from './store.js';

/** What the sync service needs from the box. */
export interface SyncComponents {
  db: DB;
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
} as const;

/** A dial that takes longer than this has failed: the sibling is redialled later. */
const DIAL_TIMEOUT_MS = 10_000;
/** Expired records and remote listings are dropped this often (search hides them the moment they expire). */
const PRUNE_INTERVAL_MS = 60_000;
const CATCH_UP_TIMEOUT_MS = 30_000;

export function listingsTopic(region: string): string {
  return `marketcross/1/listings/${slugify(region, 60) || 'default'}`;
}

export interface SiblingLink {
  peerId: string;
  connected: boolean;
}

interface RedialState {
  nextAt: number;
  waitMs: number;
  dialling: boolean;
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
  private topic: string | null = null;
  private lastPrune = 0;
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
    return this.node !== null && this.node.getConnections().some((c) => c.remotePeer.toString() === peerId && c.status === 'open');
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
      connectionGater: {
        denyDialPeer: (peer) => !isSibling(peer),
        denyInboundEncryptedConnection: (peer) => !isSibling(peer),
        denyOutboundEncryptedConnection: (peer) => !isSibling(peer),
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
        }),
      },
    });
    this.node.addEventListener('peer:connect', (event) => this.onConnect(event.detail));
    this.node.addEventListener('peer:disconnect', (event) => this.onDisconnect(event.detail));
    // A sibling that has just joined the region's topic may have missed what was gossiped before: ask it.
    this.node.services.pubsub.addEventListener('subscription-change', (event) => {
      const peer = event.detail.peerId.toString();
      if (this.siblings.has(peer) && event.detail.subscriptions.some((s) => s.subscribe && s.topic === this.topic)) void this.catchUpFrom(peer);
    });
    this.node.addEventListener('peer:discovery', (event) => {
      const peer = event.detail.id.toString();
      if (this.siblings.has(peer) || peer === this.peerId) return;
      void noteDiscoveredPeer(this.components.db, peer, event.detail.multiaddrs.map((ma) => ma.toString()), this.components.now()).catch((error) => this.warn('noting a discovered box', error));
    });
    await this.node.handle(CATCH_UP_PROTOCOL, (stream, connection) => this.serveCatchUp(stream, connection), { maxInboundStreams: 4 });
    await this.node.handle(REPLIES_PROTOCOL, (stream, connection) => this.serveReply(stream, connection), { maxInboundStreams: 8 });
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
        await pruneExpired(this.components.db, this.components.now());
      }
    } catch (error) {
      this.warn('upkeep', error);
    }
  });

  /** Sends the conversation messages waiting for siblings that are connected now. */
  private async deliverReplies(): Promise<void> {
    const connected = [...this.siblings.keys()].filter((peer) => this.isConnected(peer));
    await deliverWaiting(
      this.components.db,
      connected,
      async (peer, encoded) => {
        const stream = await this.node!.dialProtocol(connectedPeer(this.node!, peer), REPLIES_PROTOCOL, { signal: this.timeoutSignal() });
        return exchange(stream, encoded, MAX_REPLY_BYTES, this.timeoutSignal());
      },
      this.components.now,
    );
  }

  private async serveReply(stream: Stream, connection: Connection): Promise<void> {
    const from = connection.remotePeer.toString();
    await serveExchange(stream, MAX_REPLY_BYTES, async (raw) => JSON.stringify(await answerReply(this.components.db, from, raw, this.components.now())), this.timeoutSignal());
  }

  private async loadSiblings(): Promise<void> {
    const listed = await listSiblings(this.components.db);
    const next = new Map(listed.map((s) => [s.peerId, s.address]));
    for (const peer of this.siblings.keys()) {
      if (next.has(peer)) continue;
      // Taken off the list: the connection goes too.
      this.redial.delete(peer);
      this.lastCatchUp.delete(peer);
      const connection = this.node?.getConnections().find((c) => c.remotePeer.toString() === peer);
      if (connection) await this.node!.hangUp(connection.remotePeer).catch(() => {});
    }
    this.siblings = next;
  }

  /** Subscribes to the community's region topic (the region can be set after start, at setup). */
  private async followRegion(): Promise<void> {
    if (!this.node) return;
    const community = await this.components.db.selectFrom('community').select('region').executeTakeFirst();
    const topic = community ? listingsTopic(community.region) : null;
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
    const { db, identity } = this.components;
    const self = this.peerId;
    const now = this.components.now();
    const issued = await immediateTransaction(db, async (trx) => {
      const changed = await takeRegionalChanges(trx);
      const records: SignedRecord[] = [];
      for (const listingSeq of changed) {
        const view = await regionalViewOf(trx, listingSeq, async (id) => (await heldRecord(trx, self, id)) !== null, now);
        if (!view) continue;
        const body = { v: RECORD_VERSION, origin: self, listing: view.listingId, op: view.op, town: view.town, expires_at: view.expiresAt, fields: view.fields } as const;
        const held = await heldRecord(trx, self, view.listingId);
        // Nothing a sibling would see has changed (a reminder was noted, say): no new record.
        if (held && canonicalJson({ ...held.signed.record, seq: 0 }) === canonicalJson({ ...body, seq: 0 })) continue;
        const signed = await signRecord({ ...body, seq: await issueSeq(trx, self) }, identity.privateKey);
        await storeOwnRecord(trx, signed);
        records.push(signed);
      }
      return records;
    });
    await this.gossip(issued);
  }

  /** Sends records to the region's topic: this box's own, and those it learnt by catch-up (so they travel on past it). */
  private async gossip(records: SignedRecord[]): Promise<void> {
    if (!this.node || !this.topic) return;
    for (const signed of records) {
      await this.node.services.pubsub.publish(this.topic, encodeSignedRecord(signed)).catch((error) => this.warn('gossiping a record', error));
    }
  }

  /** Gossip's gate: only records that verify, from a sibling origin, newer than what is held, are stored and passed on. */
  private async validateGossip(source: PeerId, data: Uint8Array): Promise<TopicValidatorResult> {
    const { db, now } = this.components;
    const via = source.toString();
    try {
      const signed = await decodeSignedRecord(data);
      const outcome = await acceptRecord(db, signed, this.peerId, 'gossip', now());
      if (outcome === 'accepted') {
        await countReceived(db, via, 1);
        // Past what this box holds completely: catch up from the sender, so what it serves others keeps up with what it has.
        if (signed.record.seq > (await completeSeq(db, signed.record.origin))) void this.catchUpFrom(via);
      }
      return outcome === 'accepted' ? TopicValidatorResult.Accept : TopicValidatorResult.Ignore;
    } catch (error) {
      await this.countRejection(via, error);
      return TopicValidatorResult.Reject;
    }
  }

  private async countRejection(via: string, error: unknown): Promise<void> {
    const reason = error instanceof RecordRejected ? `${error.problem}: ${error.message}` : `error: ${(error as Error)?.message ?? String(error)}`;
    await countRejected(this.components.db, via, reason, this.components.now()).catch(() => {});
    if (!(error instanceof RecordRejected)) this.warn(`checking a record from ${via}`, error);
  }

  private dialWithBackoff(peer: string, address: string, now: number): void {
    const state = this.redial.get(peer) ?? { nextAt: 0, waitMs: this.init.firstRedialMs, dialling: false };
    this.redial.set(peer, state);
    if (state.dialling || now < state.nextAt || !this.node) return;
    state.dialling = true;
    const target = multiaddr(`${address}/p2p/${peer}`);
    this.node
      .dial(target, { signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(DIAL_TIMEOUT_MS)]) })
      .then(() => {
        state.waitMs = this.init.firstRedialMs;
        state.nextAt = 0;
      })
      .catch(() => {
        state.nextAt = Date.now() + state.waitMs;
        state.waitMs = Math.min(state.waitMs * 2, this.init.maxRedialMs);
      })
      .finally(() => {
        state.dialling = false;
      });
  }

  private onConnect(peer: PeerId): void {
    const id = peer.toString();
    if (!this.siblings.has(id)) return;
    const state = this.redial.get(id);
    if (state) {
      state.waitMs = this.init.firstRedialMs;
      state.nextAt = 0;
    }
    void markSiblingSeen(this.components.db, id, this.components.now()).catch(() => {});
    void this.catchUpFrom(id);
  }

  private onDisconnect(peer: PeerId): void {
    const id = peer.toString();
    if (!this.siblings.has(id) || this.stopping) return;
    void markSiblingSeen(this.components.db, id, this.components.now()).catch(() => {});
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

  /** Page after page from one sibling, until a page moves nothing forward. */
  private async catchUpRounds(peer: string): Promise<void> {
    if (!this.node || this.stopping) return;
    const { db, now } = this.components;
    this.lastCatchUp.set(peer, Date.now());
    const origins = [this.peerId, ...this.siblings.keys()].slice(0, 64);
    try {
      for (let page = 0; page < 10_000 && !this.stopping; page++) {
        const request = { origins: await Promise.all(origins.map(async (origin) => ({ origin, after: await completeSeq(db, origin) }))) };
        const stream = await this.node.dialProtocol(connectedPeer(this.node, peer), CATCH_UP_PROTOCOL, { signal: this.timeoutSignal() });
        const parsed = catchUpResponseSchema.safeParse(await exchange(stream, JSON.stringify(request), MAX_RESPONSE_BYTES, this.timeoutSignal()));
        if (!parsed.success) throw new RecordRejected('malformed', 'The catch-up answer does not match the schema.');
        let advanced = false;
        const accepted: SignedRecord[] = [];
        for (const answer of parsed.data.origins) {
          const asked = request.origins.find((o) => o.origin === answer.origin);
          if (!asked) continue;
          for (const raw of answer.records) {
            try {
              const signed = await verifySignedRecord(raw.record, raw.sig);
              if (signed.record.origin !== answer.origin || signed.record.seq <= asked.after || signed.record.seq > answer.up_to) throw new RecordRejected('malformed', 'A catch-up record lies outside the range it was sent for.');
              if ((await acceptRecord(db, signed, this.peerId, 'catch-up', now())) === 'accepted') accepted.push(signed);
            } catch (error) {
              await this.countRejection(peer, error);
            }
          }
          // This box now holds everything up to what the sibling held completely (its own origin included: after a restore, issue past it).
          if (answer.up_to > asked.after) {
            await advanceCompleteSeq(db, answer.origin, answer.up_to);
            advanced = true;
          }
        }
        await countReceived(db, peer, accepted.length);
        await this.gossip(accepted);
        if (!advanced) return;
      }
    } catch (error) {
      // A malformed answer counts against the sibling; a dropped stream or a timeout is the network's doing.
      if (this.stopping) return;
      if (error instanceof RecordRejected || error instanceof SyntaxError) await this.countRejection(peer, error);
      else this.warn(`catching up from ${peer}`, error);
    }
  }

  private async serveCatchUp(stream: Stream, connection: Connection): Promise<void> {
    const { db } = this.components;
    await serveExchange(
      stream,
      MAX_REQUEST_BYTES,
      async (raw) => {
        const request = catchUpRequestSchema.safeParse(raw);
        if (!request.success) {
          await this.countRejection(connection.remotePeer.toString(), new RecordRejected('malformed', 'A catch-up request does not match the schema.'));
          throw new Error('malformed catch-up request');
        }
        return answerCatchUp(db, request.data, (origin) => origin === this.peerId || this.siblings.has(origin));
      },
      this.timeoutSignal(),
    );
  }

  private timeoutSignal(): AbortSignal {
    return AbortSignal.any([this.abort.signal, AbortSignal.timeout(CATCH_UP_TIMEOUT_MS)]);
  }

  private warn(doing: string, error: unknown): void {
    if (this.stopping) return;
    this.components.log(`sync: ${doing} failed: ${(error as Error)?.message ?? String(error)}`);
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
