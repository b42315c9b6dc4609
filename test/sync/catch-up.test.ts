import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { immediateTransaction } from '../../src/db/immediate.js';
import { postListing } from '../../src/listings/posting.js';
import { completeSeq } from '../../src/federation/records.queries.js';
import {
  addressOf,
  addSibling,
  eventually,
  startFederatedBox,
  TOWNS,
  type FederatedBox,
  startSyncAgain,
} from './helpers.js';

/*
 * Three boxes that all list each other. Diss is off while Eye shares more
 * listings than one catch-up answer holds; Harleston takes them in meanwhile.
 * When Diss comes back both its siblings hold them all.
 */

const MISSED = 1_200;
let eye: FederatedBox, diss: FederatedBox, harleston: FederatedBox;

beforeAll(async () => {
  [eye, diss, harleston] = await Promise.all([
    startFederatedBox('Eye'),
    startFederatedBox('Diss'),
    startFederatedBox('Harleston'),
  ]);
  for (const [box, other] of [
    [eye, diss],
    [eye, harleston],
    [diss, eye],
    [diss, harleston],
    [harleston, eye],
    [harleston, diss],
  ] as const)
    await addSibling(box, other);
  await eventually(
    'all three connected',
    async () =>
      diss.sync!.isConnected(eye.sync!.peerId) &&
      diss.sync!.isConnected(harleston.sync!.peerId) &&
      eye.sync!.isConnected(harleston.sync!.peerId),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([eye, diss, harleston].map((b) => b?.close()));
});

const remoteCount = async (box: FederatedBox) =>
  Number(
    (
      await box.database.db
        .selectFrom('remote_listings')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('origin', '=', eye.sync!.peerId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a box back from being off', () => {
  it('takes what it missed once, one sibling at a time, and does not gossip it all round again', async () => {
    const dissPeer = diss.sync!.peerId;
    const dissAddress = addressOf(diss);
    await diss.sync!.stop();
    await eventually('Eye sees Diss gone', async () => !eye.sync!.isConnected(dissPeer));

    // More than two catch-up pages' worth, written straight into Eye's database as members' posts would be.
    const author = {
      id: eye.member.id,
      handle: eye.member.handle,
      displayName: 'Eye Member',
      role: 'member',
      status: 'active',
    } as const;
    await immediateTransaction(eye.database.db, async (trx) => {
      for (let n = 0; n < MISSED; n++) {
        await postListing(
          trx,
          author,
          {
            input: {
              kind: 'offer',
              title: `Missed listing ${n}`,
              description: '',
              category: 'goods',
              terms: { type: 'free' },
              visibility: { type: 'public' },
              regional: true,
            },
            exact: { lat: TOWNS.Eye.lat + (n % 30) * 0.0003, lon: TOWNS.Eye.lon },
            photo: null,
          },
          eye.clock.now(),
        );
      }
    });
    await eye.sync!.listingsChanged();
    const issued = await completeSeq(eye.database.db, eye.sync!.peerId);
    await eventually(
      'Harleston holds them all',
      async () =>
        (await remoteCount(harleston)) >= MISSED &&
        (await completeSeq(harleston.database.db, eye.sync!.peerId)) >= issued,
      60_000,
    );

    // From here on, whatever Eye and Harleston validate by gossip is Diss sending round what they already hold.
    const gossipGate = (box: FederatedBox) =>
      (box.sync! as unknown as { parts: { validator: { validate: () => unknown } } }).parts.validator;
    const gossipAtEye = vi.spyOn(gossipGate(eye), 'validate');
    const gossipAtHarleston = vi.spyOn(gossipGate(harleston), 'validate');
    const back = await startSyncAgain(
      diss,
      { listen: [dissAddress], tickMs: 200, firstRedialMs: 200, maxRedialMs: 2_000 },
      (line) => diss.logs.push(line),
    );
    try {
      await eventually(
        'Diss holds them all',
        async () =>
          (await remoteCount(diss)) >= MISSED && (await completeSeq(diss.database.db, eye.sync!.peerId)) >= issued,
        60_000,
      );
      // Each record taken once: the first to answer gave nearly all, the other what Eye had published to nobody.
      const received = await diss.database.db.selectFrom('siblings').select('records_received').execute();
      const [fewer, more] = received.map((r) => r.records_received).sort((a, b) => a - b);
      expect(fewer! + more!).toBe(MISSED);
      expect(fewer).toBeLessThan(MISSED / 20);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(gossipAtEye.mock.calls.length + gossipAtHarleston.mock.calls.length).toBeLessThan(MISSED / 20);
    } finally {
      gossipAtEye.mockRestore();
      gossipAtHarleston.mockRestore();
      await back.stop();
    }
  }, 120_000);
});
