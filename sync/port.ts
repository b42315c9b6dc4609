import type { ListingRecordFields, RecordRejected, SignedRecord } from './records.js';

/**
 * The port: everything the peer layer needs from the box, declared here and implemented by the app
 * (`src/federation/sync-port.ts`, over the box's database). sync/ imports nothing from src/ but types; it reaches
 * the siblings list, the records held, the listings to share and the conversations only through this interface.
 * Each part of the service takes only the piece of the port it uses.
 */
export interface SyncPort extends SiblingsPort, RecordsPort, RepliesPort {}

/** The sibling list and what is counted about each sibling, for stewards. */
export interface SiblingsPort {
  /** The boxes on this box's list, with the address each is dialled at. */
  listSiblings(): Promise<{ peerId: string; address: string }[]>;
  /** Notes connected siblings as seen (`marketcross doctor` reads it to tell which are connected). */
  markSiblingSeen(peerIds: string | readonly string[], now: Date): Promise<void>;
  /** Counts what a sibling sent that failed a check against it, with the reason, for the stewards' page. */
  countRejected(peerId: string, reason: string, now: Date): Promise<void>;
  /** Counts a record whose origin is not on the list for the box as a whole (no fault of the sibling `via`). */
  countUnknownOrigin(origin: string, via: string, now: Date): Promise<void>;
  /** A box seen on the LAN: listed for stewards to approve, never dialled. */
  noteDiscoveredPeer(peerId: string, addresses: string[], now: Date): Promise<void>;
  /** The community's region, which names the gossip topic; null before setup. */
  region(): Promise<string | null>;
}

/** The signed listing records the box holds, and the remote listings they describe. */
export interface RecordsPort {
  /** The sequence number up to which this box holds every live record of `origin` (0 when none). */
  completeSeq(origin: string): Promise<number>;
  /**
   * Takes verified records that came by gossip, in one write transaction; one outcome per record, refusals returned
   * rather than thrown (see `src/federation/record-intake.queries.ts`).
   */
  acceptGossiped(batch: readonly Gossiped[], self: string, now: Date): Promise<GossipOutcome[]>;
  /** Takes a page of catch-up from sibling `from`, in a few write transactions; returns the origins it advanced. */
  acceptCaughtUp(
    page: readonly CaughtUp[],
    self: string,
    from: string,
    now: Date,
  ): Promise<{ accepted: SignedRecord[]; refused: RecordRejected[]; advanced: Set<string> }>;
  /**
   * Catch-up's answer for one origin: live records after `after` (as the signed JSON kept), in order, no further
   * than what this box holds completely.
   */
  recordsAfter(origin: string, after: number, limit: number): Promise<string[]>;
  /**
   * Puts right, when the peer layer starts, what siblings could once make the box hold: progress marks past the
   * records held (this box's own counter only when past any a box could reach), and records whose times are out of
   * range. Returns the origins put back and how many records were dropped.
   */
  recoverHeld(self: string, now: Date): Promise<{ progress: string[]; dropped: number }>;
  /** Drops records and remote listings past their expiry. */
  pruneExpired(now: Date): Promise<{ records: number; listings: number }>;
  /** Runs `work` in one write transaction over this box's own records (issuing sequence numbers is in it). */
  publishing<T>(work: (own: OwnRecords) => Promise<T>): Promise<T>;
}

/** This box's own records, inside the write transaction `RecordsPort.publishing` opened. */
export interface OwnRecords {
  /** Takes the queue of this box's listings changed since the last call (their local sequence numbers, in order). */
  takeChanges(): Promise<number[]>;
  /** How a changed listing should look to siblings now; null when it was never shared and is not shared now. */
  viewOf(
    listingSeq: number,
    everShared: (listingId: string) => Promise<boolean>,
    now: Date,
  ): Promise<SharedView | null>;
  /** The latest record held for a listing from an origin. */
  heldRecord(origin: string, listingId: string): Promise<{ seq: number; signed: SignedRecord } | null>;
  /** The next sequence number for this box's own records; never reused. */
  issueSeq(origin: string): Promise<number>;
  /** Keeps this box's own new record, signed with the sequence number just issued. */
  storeOwnRecord(signed: SignedRecord): Promise<void>;
}

/** What a listing shared with neighbouring towns looks like from outside the box: the body of its next record. */
export interface SharedView {
  listingId: string;
  /** Withdraw once it is no longer shared. */
  op: 'upsert' | 'withdraw';
  town: string;
  expiresAt: string;
  fields: ListingRecordFields | null;
}

/** "I'm interested" across boxes: the conversations' messages, taken in and sent out. */
export interface RepliesPort {
  /** Takes a message a sibling box delivered; idempotent (a message delivered twice is stored once). */
  receiveFederatedMessage(from: string, message: IncomingMessage, now: Date): Promise<'ok' | Refusal>;
  /** Messages waiting for the given boxes (those connected now), oldest first. */
  findWaitingMessages(peers: readonly string[], now: Date, limit: number): Promise<OutgoingMessage[]>;
  markDelivered(id: number, now: Date): Promise<void>;
  markRefused(id: number, reason: Refusal): Promise<void>;
  markAttemptFailed(id: number, attempts: number, retryAt: Date): Promise<void>;
}

/**
 * How a record offered to the store fared: taken, or already held (the same record, or a newer one for its listing, by
 * catch-up).
 */
export type Acceptance = 'accepted' | 'held';

/** A verified record that came by gossip, and the sibling it came from. */
export interface Gossiped {
  signed: SignedRecord;
  from: string;
}

/**
 * How a gossiped record fared: taken ('accepted') or already held ('held': the
 * same record again), with the origin's horizon afterwards (a horizon below
 * the record's `seq` means gossip skipped one before it: lost, or still on its
 * way by another path); or why it was turned away.
 */
export type GossipOutcome = { outcome: Acceptance; horizon: number } | RecordRejected;

/** One origin's share of a catch-up answer, its records already verified and checked to lie in `(after, upTo]`. */
export interface CaughtUp {
  origin: string;
  after: number;
  upTo: number;
  records: SignedRecord[];
}

/** A conversation message as it crosses boxes. */
export interface IncomingMessage {
  uuid: string;
  conversation: string;
  listing: string;
  /** Whom it is for on the receiving box. */
  to: 'author' | 'replier';
  /** The sender's name, or '' when they keep it to their own box. */
  senderName: string;
  body: string;
}

/** Why a message from a sibling was refused for good (the sender stops retrying). */
export type Refusal = 'unknown-listing' | 'unknown-conversation' | 'invalid';

/** A message this box sends, waiting for its box to be connected. */
export interface OutgoingMessage extends IncomingMessage {
  id: number;
  peer: string;
  attempts: number;
}
