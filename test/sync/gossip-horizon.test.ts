import '../../sync/polyfill.js';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { gossipsub, StrictSign, type GossipSub } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import type { PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { tcp } from '@libp2p/tcp';
import { lpStream } from '@libp2p/utils';
import { createLibp2p, type Libp2p } from 'libp2p';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATCH_UP_PROTOCOL } from '../../sync/catch-up/protocol.js';
import { encodeSignedRecord, signRecord, type ListingRecord } from '../../sync/records.js';
import { listingsTopic } from '../../sync/gossip/topic.js';
import { completeSeq } from '../../src/federation/records.queries.js';
import { putSibling } from '../../src/federation/siblings.queries.js';
import { eventually, remoteListing, startFederatedBox, testRecord, type FederatedBox } from './helpers.js';

/*
 * How far a box holds an origin's records (its horizon) follows ordinary
 * gossip: a record with the next sequence number moves it on, with no
 * catch-up; only a gap that gossip does not fill sets a catch-up off.
 */

let diss: FederatedBox;
let key: PrivateKey;
let sibling: Libp2p<{ pubsub: GossipSub }>;
let origin: string;
/** Catch-up requests the sibling has answered, as parsed. */
const asked: { origins: { origin: string; after: number }[] }[] = [];
const topic = listingsTopic('South Norfolk');

function record(seq: number): ListingRecord {
  return testRecord(origin, { seq, title: `Record ${seq}` });
}

async function gossip(seq: number): Promise<ListingRecord> {
  const r = record(seq);
  await sibling.services.pubsub.publish(topic, encodeSignedRecord(await signRecord(r, key)));
  await eventually(`record ${seq} at Diss`, () => remoteListing(diss, r.listing));
  return r;
}

beforeAll(async () => {
  diss = await startFederatedBox('Diss');
  key = await generateKeyPair('Ed25519');
  origin = peerIdFromPrivateKey(key).toString();
  // A bare node that publishes its own records and answers catch-up with nothing, counting the requests.
  sibling = await createLibp2p({
    privateKey: key,
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), pubsub: gossipsub({ globalSignaturePolicy: StrictSign }) },
  });
  await sibling.handle(CATCH_UP_PROTOCOL, async (stream) => {
    const lp = lpStream(stream);
    asked.push(JSON.parse(new TextDecoder().decode((await lp.read()).subarray())));
    await lp.write(new TextEncoder().encode('{"origins":[]}'));
    await stream.close();
  });
  await putSibling(
    diss.database.db,
    {
      peerId: origin,
      name: 'Eye',
      address: sibling
        .getMultiaddrs()[0]!
        .toString()
        .replace(/\/p2p\/.*$/, ''),
    },
    diss.clock.now(),
  );
  await diss.sync!.siblingsChanged();
  sibling.services.pubsub.subscribe(topic);
  await eventually('Diss subscribed, seen from the sibling', async () =>
    sibling.services.pubsub.getSubscribers(topic).some((p) => p.toString() === diss.sync!.peerId),
  );
  // Diss asks once on connecting; let that settle.
  await eventually('the catch-up on connecting', async () => asked.length >= 1);
  await new Promise((resolve) => setTimeout(resolve, 500));
}, 30_000);

afterAll(async () => {
  await sibling?.stop();
  await diss?.close();
});

describe('the horizon follows gossip', () => {
  it('moves on with each next record, without a catch-up', async () => {
    const before = asked.length;
    await gossip(1);
    await gossip(2);
    expect(await completeSeq(diss.database.db, origin)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(asked.length).toBe(before);
  });

  it('stops at a gap, and moves over records already held once the gap is filled', async () => {
    const before = asked.length;
    await gossip(4);
    await gossip(5);
    expect(await completeSeq(diss.database.db, origin)).toBe(2);
    // Record 3 turns up by another path before the grace period is out: no catch-up is needed.
    await gossip(3);
    expect(await completeSeq(diss.database.db, origin)).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(asked.length).toBe(before);
  });

  it('asks the sibling that sent it when gossip leaves a gap open', async () => {
    const before = asked.length;
    await gossip(7);
    const request = await eventually('a catch-up request', async () => asked[before]);
    expect(request.origins).toContainEqual({ origin, after: 5 });
    expect(await completeSeq(diss.database.db, origin)).toBe(5);
  });
});
