import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateIdentity } from '../../sync/identity.js';
import { SyncService } from '../../sync/service.js';
import { putSibling } from '../../sync/store.js';
import { addressOf, eventually, startFederatedBox, type FederatedBox } from './helpers.js';

let diss: FederatedBox, eye: FederatedBox;
afterAll(async () => {
  await Promise.all([diss, eye].map((b) => b?.close()));
});

describe('keeping siblings connected', () => {
  it('redials a sibling that stays away for longer than five tries, with backoff, until it is back', async () => {
    [diss, eye] = await Promise.all([startFederatedBox('Diss'), startFederatedBox('Eye')]);
    const eyeAddress = addressOf(eye);
    const eyePeer = eye.sync!.peerId;
    await eye.sync!.stop();
    // Eye lists Diss at an address where nothing listens, so only Diss's redialling can join them.
    await putSibling(eye.database.db, { peerId: diss.sync!.peerId, name: 'Diss', address: '/ip4/127.0.0.1/tcp/9' }, eye.clock.now());
    await putSibling(diss.database.db, { peerId: eyePeer, name: 'Eye', address: eyeAddress }, diss.clock.now());
    await diss.sync!.siblingsChanged();
    // With a first wait of 200 ms doubling to 2 s, seven seconds is well past five failed tries.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(diss.sync!.isConnected(eyePeer)).toBe(false);

    const back = new SyncService(
      { db: eye.database.db, identity: await loadOrCreateIdentity(eye.config.dataDir), now: eye.clock.now, log: () => {} },
      { listen: [eyeAddress], tickMs: 200 },
    );
    await back.start();
    try {
      await eventually('Diss redialled Eye', async () => diss.sync!.isConnected(eyePeer), 10_000);
    } finally {
      await back.stop();
    }
  }, 30_000);
});
