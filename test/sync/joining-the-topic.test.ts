import '../../sync/polyfill.js';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingsTopic } from '../../sync/gossip/topic.js';
import {
  eventually,
  listRawSibling,
  postRegional,
  rawPeer,
  startFederatedBox,
  type FederatedBox,
  type RawPeer,
} from './helpers.js';
import { issuedRecordOf } from './held.queries.js';

/*
 * Two siblings learn of each other's joining the region's topic a moment apart. A record Eye makes in that moment
 * is published to nobody, and Eye's catch-up from the sibling (run when it sees it join) cannot tell it what the
 * sibling lacks when one is under way already, or, as here, when the sibling serves no catch-up. The sibling must
 * still be sent the record as soon as it joins, not at the next periodic catch-up, minutes later.
 */

const topic = listingsTopic('South Norfolk');
let eye: FederatedBox;
let sibling: RawPeer;

beforeAll(async () => {
  eye = await startFederatedBox('Eye');
  sibling = await rawPeer(await generateKeyPair('Ed25519'));
  await listRawSibling(eye, sibling, 'Diss');
  await eventually('Eye connected to its sibling', async () => eye.sync!.isConnected(sibling.peerId.toString()));
}, 60_000);

afterAll(async () => {
  await Promise.all([eye?.close(), sibling?.stop()]);
});

describe('a sibling that joins the region’s topic after a record was made', () => {
  it('is sent at once what was gossiped to nobody before it joined', async () => {
    const id = await postRegional(eye, { title: 'Damsons from Eye' });
    await eventually('Eye’s record issued', async () => issuedRecordOf(eye.database.db, id));

    const heard: string[] = [];
    sibling.services.pubsub.addEventListener('message', (event) => {
      if (event.detail.topic === topic)
        heard.push(JSON.parse(new TextDecoder().decode(event.detail.data)).record.listing);
    });
    sibling.services.pubsub.subscribe(topic);

    // Well inside the three minutes between periodic catch-ups.
    await eventually('the record at the sibling', async () => heard.includes(id), 10_000);
    expect(heard.filter((listing) => listing === id)).toHaveLength(1);
  });
});
