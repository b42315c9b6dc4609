import { afterAll, describe, expect, it } from 'vitest';
import { putSibling } from '../../src/federation/siblings.queries.js';
import { startSetUpBox } from '../helpers/box.js';
import { addressOf, eventually, startFederatedBox, type FederatedBox, startSyncAgain } from './helpers.js';

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
    await putSibling(
      eye.database.db,
      { peerId: diss.sync!.peerId, name: 'Diss', address: '/ip4/127.0.0.1/tcp/9' },
      eye.clock.now(),
    );
    await putSibling(diss.database.db, { peerId: eyePeer, name: 'Eye', address: eyeAddress }, diss.clock.now());
    await diss.sync!.siblingsChanged();
    // With a first wait of 200 ms doubling to 2 s, seven seconds is well past five failed tries.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(diss.sync!.isConnected(eyePeer)).toBe(false);

    const back = await startSyncAgain(eye, { listen: [eyeAddress], tickMs: 200 });
    try {
      await eventually('Diss redialled Eye', async () => diss.sync!.isConnected(eyePeer), 10_000);
    } finally {
      await back.stop();
    }
  }, 30_000);
});

describe('one connection per pair of siblings', () => {
  it('when boxes that list each other all dial at once', async () => {
    const boxes = await Promise.all((['Diss', 'Eye', 'Harleston'] as const).map((town) => startFederatedBox(town)));
    try {
      for (const box of boxes)
        for (const other of boxes)
          if (box !== other)
            await putSibling(
              box.database.db,
              { peerId: other.sync!.peerId, name: other.name, address: addressOf(other) },
              box.clock.now(),
            );
      await Promise.all(boxes.map((box) => box.sync!.siblingsChanged()));
      await eventually('all connected', async () =>
        boxes.every((box) => boxes.every((other) => other === box || box.sync!.isConnected(other.sync!.peerId))),
      );
      // Dials still under way would show as a second connection within a few ticks.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      for (const box of boxes) {
        const connections = (
          box.sync as unknown as { network: { node: { getConnections(): { remotePeer: { toString(): string } }[] } } }
        ).network.node.getConnections();
        expect(connections.map((c) => c.remotePeer.toString()).sort(), box.name).toEqual(
          boxes
            .filter((b) => b !== box)
            .map((b) => b.sync!.peerId)
            .sort(),
        );
      }
    } finally {
      await Promise.all(boxes.map((box) => box.close()));
    }
  }, 30_000);
});

describe('a sibling that has not agreed yet', () => {
  it('hangs up on each dial, and is tried again with backoff, not over and over', async () => {
    const [diss, eye] = await Promise.all([
      startSetUpBox({ communityName: 'Diss', sync: { firstRedialMs: 200, maxRedialMs: 60_000 } }),
      startSetUpBox({ communityName: 'Eye', sync: {} }),
    ]);
    try {
      let connections = 0;
      (diss.sync as unknown as { network: { node: EventTarget } }).network.node.addEventListener(
        'peer:connect',
        () => connections++,
      );
      await putSibling(
        diss.database.db,
        { peerId: eye.sync!.peerId, name: 'Eye', address: addressOf(eye) },
        diss.clock.now(),
      );
      await diss.sync!.siblingsChanged();
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      // Each dial gets as far as a connection Eye closes at once; waits of 0.2, 0.4, 0.8, 1.6, 3.2 s leave room for six
      // in eight seconds.
      expect(connections).toBeGreaterThan(0);
      expect(connections).toBeLessThanOrEqual(7);
      expect(eye.sync!.isConnected(diss.sync!.peerId)).toBe(false);
    } finally {
      await Promise.all([diss.close(), eye.close()]);
    }
  }, 30_000);
});
