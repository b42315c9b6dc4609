import '../../sync/polyfill.js';
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATCH_UP_PROTOCOL } from '../../sync/catch-up/protocol.js';
import { encodeSignedRecord, signRecord, type ListingRecord } from '../../sync/records.js';
import { listingsTopic } from '../../sync/gossip/topic.js';
import { pruneExpired } from '../../src/federation/records.queries.js';
import { unknownOrigins } from '../../src/federation/siblings.queries.js';
import {
  addRawSibling,
  eventually,
  rawPeer,
  remoteListing,
  startFederatedBox,
  testRecord,
  type FederatedBox,
  type RawPeer,
} from './helpers.js';
import { signedInSteward } from '../members/helpers.js';

function record(origin: PrivateKey, fields: Partial<ListingRecord> = {}): ListingRecord {
  return testRecord(peerIdFromPrivateKey(origin).toString(), { town: 'Rogue Town', ...fields });
}

let diss: FederatedBox;
let siblingKey: PrivateKey;
let sibling: RawPeer;
const topic = listingsTopic('South Norfolk');

async function siblingCounts() {
  return diss.database.db
    .selectFrom('siblings')
    .select(['records_received', 'records_rejected', 'last_rejection'])
    .where('peer_id', '=', peerIdFromPrivateKey(siblingKey).toString())
    .executeTakeFirstOrThrow();
}

async function publish(bytes: Uint8Array): Promise<void> {
  await sibling.services.pubsub.publish(topic, bytes);
}

beforeAll(async () => {
  diss = await startFederatedBox('Diss');
  siblingKey = await generateKeyPair('Ed25519');
  sibling = await rawPeer(siblingKey);
  await addRawSibling(diss, sibling, 'Rogue', topic);
}, 30_000);

afterAll(async () => {
  await sibling?.stop();
  await diss?.close();
});

describe('what a sibling sends is checked, counted, and never crashes the box', () => {
  it('accepts a well-formed record from a sibling origin', async () => {
    const good = record(siblingKey, { seq: 5, fields: { ...record(siblingKey).fields!, title: 'Seq five' } });
    await publish(encodeSignedRecord(await signRecord(good, siblingKey)));
    await eventually('the record stored', () => remoteListing(diss, good.listing));
    expect((await siblingCounts()).records_received).toBe(1);
  });

  it(
    'rejects a bad signature, a replayed sequence number, ' +
      'an oversized and a malformed message, counting each against the sibling',
    async () => {
      const before = (await siblingCounts()).records_rejected;
      const genuine = record(siblingKey, { seq: 9 });
      await publish(encodeSignedRecord(await signRecord(genuine, siblingKey)));
      await eventually('the genuine record stored', () => remoteListing(diss, genuine.listing));

      // 1. Signed over other content.
      const tampered = await signRecord(record(siblingKey, { seq: 10 }), siblingKey);
      await publish(encodeSignedRecord({ ...tampered, record: { ...tampered.record, town: 'Forged Town' } }));
      // 2. An older sequence number for a listing already held at 9.
      await publish(
        encodeSignedRecord(
          await signRecord({ ...genuine, seq: 3, fields: { ...genuine.fields!, title: 'Replayed' } }, siblingKey),
        ),
      );
      // 3. Over the size limit.
      await publish(new TextEncoder().encode(JSON.stringify({ record: { pad: 'x'.repeat(20_000) }, sig: '' })));
      // 4. Not JSON; JSON of the wrong shape; a withdraw that carries fields.
      await publish(new TextEncoder().encode('{"record": nope'));
      await publish(new TextEncoder().encode(JSON.stringify({ record: { v: 1, origin: 'x' }, sig: 'AAAA' })));
      await publish(encodeSignedRecord(await signRecord(record(siblingKey, { seq: 11, op: 'withdraw' }), siblingKey)));

      const after = await eventually('six rejections counted', async () => {
        const counts = await siblingCounts();
        return counts.records_rejected - before >= 6 ? counts : undefined;
      });
      expect(after.records_rejected - before).toBe(6);
      const stored = await remoteListing(diss, genuine.listing);
      expect(stored).toMatchObject({ title: 'Genuine offer', origin_seq: 9, town: 'Rogue Town' });
      expect(
        await diss.database.db.selectFrom('remote_listings').select('id').where('town', '=', 'Forged Town').execute(),
      ).toEqual([]);
      expect((await diss.client().get('/healthz')).status).toBe(200);
    },
  );

  it(
    'turns away a record from a box not on the list, ' +
      'counting it for the box rather than against the sibling that passed it on',
    async () => {
      const before = await siblingCounts();
      // Signed properly, by a box Diss's stewards never agreed to (the sibling's may have).
      const strangerKey = await generateKeyPair('Ed25519');
      const stranger = peerIdFromPrivateKey(strangerKey).toString();
      const foreign = record(strangerKey, {
        fields: { ...record(strangerKey).fields!, title: 'From a stranger town' },
      });
      await publish(encodeSignedRecord(await signRecord(foreign, strangerKey)));
      const counted = await eventually('the record counted as from an unknown origin', async () => {
        const unknown = await unknownOrigins(diss.database.db);
        return unknown.count === 1 ? unknown : undefined;
      });
      expect(counted).toMatchObject({ lastOrigin: stranger, lastVia: peerIdFromPrivateKey(siblingKey).toString() });
      expect(await remoteListing(diss, foreign.listing)).toBeUndefined();
      expect(await siblingCounts()).toEqual(before);

      const steward = await signedInSteward(diss);
      const page = await steward.get('/stewards/siblings');
      expect(page.text).toContain('Records from boxes not on this list: 1');
      expect(page.text).toContain(stranger);
      expect(page.text).toContain('passed on by Rogue');
      expect(page.text).toContain(
        `Records received: ${before.records_received} · rejected: ${before.records_rejected}`,
      );
    },
  );
});

describe('sequence numbers and catch-up requests from a sibling are checked too', () => {
  it('rejects a sequence number its origin already gave another listing, and takes what comes after', async () => {
    const before = (await siblingCounts()).records_rejected;
    const first = record(siblingKey, { seq: 40 });
    await publish(encodeSignedRecord(await signRecord(first, siblingKey)));
    await eventually('the first record stored', () => remoteListing(diss, first.listing));
    const reused = record(siblingKey, {
      seq: 40,
      fields: { ...record(siblingKey).fields!, title: 'Same number, other listing' },
    });
    await publish(encodeSignedRecord(await signRecord(reused, siblingKey)));
    const next = record(siblingKey, { seq: 41 });
    await publish(encodeSignedRecord(await signRecord(next, siblingKey)));
    await eventually('the next record stored', () => remoteListing(diss, next.listing));
    await eventually('the reused number counted', async () => (await siblingCounts()).records_rejected === before + 1);
    expect((await siblingCounts()).last_rejection).toContain('already gave listing');
    expect(await remoteListing(diss, reused.listing)).toBeUndefined();
  });

  it('refuses a listing id written in capitals, so no second copy of a listing is made, counting it', async () => {
    const before = (await siblingCounts()).records_rejected;
    const genuine = record(siblingKey, { seq: 50 });
    await publish(encodeSignedRecord(await signRecord(genuine, siblingKey)));
    await eventually('the genuine record stored', () => remoteListing(diss, genuine.listing));
    const shouted = record(siblingKey, {
      seq: 51,
      listing: genuine.listing.toUpperCase(),
      fields: { ...record(siblingKey).fields!, title: 'The same listing again' },
    });
    await publish(encodeSignedRecord(await signRecord(shouted, siblingKey)));
    await eventually('the capitals counted', async () => (await siblingCounts()).records_rejected === before + 1);
    expect((await siblingCounts()).last_rejection).toContain('lower-case UUID');
    expect(await remoteListing(diss, shouted.listing)).toBeUndefined();
    expect(await remoteListing(diss, genuine.listing)).toMatchObject({ title: 'Genuine offer', origin_seq: 50 });
  });

  it('counts a malformed catch-up request and keeps serving', async () => {
    const before = (await siblingCounts()).records_rejected;
    const stream = await sibling.dialProtocol(
      diss.sync!.peerId ? multiaddr(diss.sync!.addresses()[0]!) : multiaddr(''),
      CATCH_UP_PROTOCOL,
    );
    const lp = lpStream(stream);
    await lp.write(new TextEncoder().encode('{"origins": "all of them"}'));
    await expect(lp.read()).rejects.toThrow();
    await eventually('the bad request counted', async () => (await siblingCounts()).records_rejected === before + 1);
    expect((await diss.client().get('/healthz')).status).toBe(200);
  });
});

describe('remote listings expire on time', () => {
  it('leave search when their expiry passes, and are dropped', async () => {
    const soon = record(siblingKey, {
      seq: 20,
      expires_at: '2026-11-23T10:00:00.000Z',
      fields: { ...record(siblingKey).fields!, title: 'Short-lived plums' },
    });
    await publish(encodeSignedRecord(await signRecord(soon, siblingKey)));
    await eventually('stored', () => remoteListing(diss, soon.listing));
    const found = async () =>
      (await diss.client().json('GET', '/api/v1/listings?q=plums')).body.listings.map((l: { id: string }) => l.id);
    expect(await found()).toContain(soon.listing);
    diss.clock.advanceDays(2);
    expect(await found()).not.toContain(soon.listing);
    // The peer layer drops them once a minute; here, at once.
    await pruneExpired(diss.database.db, diss.clock.now());
    expect(await remoteListing(diss, soon.listing)).toBeUndefined();
  });
});

describe('a box nobody agreed to', () => {
  it('cannot connect or reach a protocol', async () => {
    const strangerKey = await generateKeyPair('Ed25519');
    const stranger = await rawPeer(strangerKey);
    try {
      // The handshake may finish on the stranger's side before Diss looks at who it is; Diss then hangs up.
      await stranger
        .dial(multiaddr(diss.sync!.addresses()[0]!), { signal: AbortSignal.timeout(5_000) })
        .catch(() => null);
      await eventually('the stranger hung up on', async () => stranger.getConnections().length === 0);
      await expect(
        stranger.dialProtocol(multiaddr(diss.sync!.addresses()[0]!), CATCH_UP_PROTOCOL, {
          signal: AbortSignal.timeout(5_000),
        }),
      ).rejects.toBeInstanceOf(Error);
      expect(diss.sync!.isConnected(stranger.peerId.toString())).toBe(false);
      expect(
        await diss.database.db
          .selectFrom('siblings')
          .select('peer_id')
          .where('peer_id', '=', stranger.peerId.toString())
          .execute(),
      ).toEqual([]);
    } finally {
      await stranger.stop();
    }
  });
});
