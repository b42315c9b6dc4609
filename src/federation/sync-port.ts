import type { OwnRecords, SharedView, SyncPort } from '../../sync/port.js';
import { findCommunity } from '../community/community.queries.js';
import type { DB } from '../db/database.js';
import { immediateTransaction } from '../db/immediate.js';
import {
  findWaitingMessages,
  markAttemptFailed,
  markDelivered,
  markRefused,
  receiveFederatedMessage,
} from './messages.queries.js';
import { regionalViewOf, takeRegionalChanges } from './regional.queries.js';
import { acceptCaughtUp, acceptGossiped } from './record-intake.queries.js';
import {
  completeSeq,
  heldRecord,
  issueSeq,
  pruneExpired,
  recordsAfter,
  recoverHeld,
  storeOwnRecord,
} from './records.queries.js';
import {
  countRejected,
  countUnknownOrigin,
  listSiblings,
  markSiblingSeen,
  noteDiscoveredPeer,
} from './siblings.queries.js';

/**
 * The app's side of the peer layer's port (sync/port.ts): the box's database,
 * behind the interface sync/ declares, so that sync/ holds no SQL and knows
 * nothing of the app's tables.
 */
export function syncPort(db: DB): SyncPort {
  return {
    listSiblings: async () => (await listSiblings(db)).map(({ peerId, address }) => ({ peerId, address })),
    markSiblingSeen: (peerIds, now) => markSiblingSeen(db, peerIds, now),
    countRejected: (peerId, reason, now) => countRejected(db, peerId, reason, now),
    countUnknownOrigin: (origin, via, now) => countUnknownOrigin(db, origin, via, now),
    noteDiscoveredPeer: (peerId, addresses, now) => noteDiscoveredPeer(db, peerId, addresses, now),
    region: async () => (await findCommunity(db))?.region ?? null,
    completeSeq: (origin) => completeSeq(db, origin),
    acceptGossiped: (batch, self, now) => acceptGossiped(db, batch, self, now),
    acceptCaughtUp: (page, self, from, now) => acceptCaughtUp(db, page, self, from, now),
    recordsAfter: (origin, after, limit) => recordsAfter(db, origin, after, limit),
    recoverHeld: (self, now) => recoverHeld(db, self, now),
    pruneExpired: (now) => pruneExpired(db, now),
    publishing: (work) => immediateTransaction(db, (trx) => work(ownRecords(trx))),
    receiveFederatedMessage: (from, message, now) => receiveFederatedMessage(db, from, message, now),
    findWaitingMessages: (peers, now, limit) => findWaitingMessages(db, peers, now, limit),
    markDelivered: (id, now) => markDelivered(db, id, now),
    markRefused: (id, reason) => markRefused(db, id, reason),
    markAttemptFailed: (id, attempts, retryAt) => markAttemptFailed(db, id, attempts, retryAt),
  };
}

/** This box's own records, inside the write transaction `trx`. */
function ownRecords(trx: DB): OwnRecords {
  return {
    takeChanges: () => takeRegionalChanges(trx),
    viewOf: (listingSeq, everShared, now): Promise<SharedView | null> =>
      regionalViewOf(trx, listingSeq, everShared, now),
    heldRecord: (origin, listingId) => heldRecord(trx, origin, listingId),
    issueSeq: (origin) => issueSeq(trx, origin),
    storeOwnRecord: (signed) => storeOwnRecord(trx, signed),
  };
}
