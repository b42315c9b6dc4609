import type { PrivateKey } from '@libp2p/interface';
import { lpStream } from '@libp2p/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATCH_UP_PROTOCOL } from '../../sync/catch-up/protocol.js';
import { signRecord } from '../../sync/records.js';
import { advanceCompleteSeq, completeSeq, heldRecord } from '../../src/federation/records.queries.js';
import {
  addressOf,
  type DissAndRogue,
  eventually,
  postRegional,
  remoteListing,
  startDissWithRogueSibling,
  startSyncAgain,
  testRecord,
  type FederatedBox,
} from './helpers.js';
import { signedInSteward } from '../members/helpers.js';

/*
 * Issue 12, finding 1: a sibling's catch-up answer said `up_to: 2^53 − 1`, and the box took it as its own
 * sequence counter and as its progress for other origins, after which it could never publish again. A box takes a
 * sibling's numbers only as far as the records it actually received bear them out.
 */

type Request = { origins: { origin: string; after: number }[] };
type Answer = { origins: { origin: string; records: unknown[]; up_to: number }[] };

let scene: DissAndRogue;
let diss: FederatedBox;
let rogueKey: PrivateKey;
let rogueId: string;
/** How the rogue sibling answers catch-up: the tests change it. */
let answer: (request: Request) => Promise<Answer> = async () => ({ origins: [] });
const asked: Request[] = [];

const HUGE = Number.MAX_SAFE_INTEGER;

/** Diss asks the rogue for what it missed (as it does on every connection and every 3 minutes), and it answers. */
async function catchUpFromRogue(): Promise<void> {
  const before = asked.length;
  const parts = (diss.sync! as unknown as { parts: { catchUp: { catchUpFrom(peer: string): Promise<void> } } }).parts;
  await parts.catchUp.catchUpFrom(rogueId);
  expect(asked.length).toBeGreaterThan(before);
}

/** The sequence number of this box's own record for a listing, once it has published one. */
async function ownSeq(box: FederatedBox, listingId: string): Promise<number | undefined> {
  return (await heldRecord(box.database.db, box.sync!.peerId, listingId))?.seq;
}

beforeAll(async () => {
  scene = await startDissWithRogueSibling(async (rogue) => {
    await rogue.handle(CATCH_UP_PROTOCOL, async (stream) => {
      const lp = lpStream(stream);
      const request = JSON.parse(new TextDecoder().decode((await lp.read()).subarray())) as Request;
      asked.push(request);
      await lp.write(new TextEncoder().encode(JSON.stringify(await answer(request))));
      await stream.close();
    });
  });
  ({ diss, rogueKey, rogueId } = scene);
  await eventually('the catch-up on connecting', async () => asked.length >= 1);
}, 30_000);

afterAll(() => scene?.close());

describe('a catch-up answer reaching further than its records', () => {
  it('is refused and counted, and moves neither the box’s own counter nor its progress for others', async () => {
    const ownBefore = await completeSeq(diss.database.db, diss.sync!.peerId);
    const rejectedBefore = (await scene.rejections()).recordsRejected;
    answer = async (request) => ({
      origins: request.origins.map(({ origin }) => ({ origin, records: [], up_to: HUGE })),
    });
    await catchUpFromRogue();

    expect(await completeSeq(diss.database.db, diss.sync!.peerId)).toBe(ownBefore);
    expect(await completeSeq(diss.database.db, rogueId)).toBe(0);
    const counts = await scene.rejections();
    expect(counts.recordsRejected).toBeGreaterThan(rejectedBefore);
    expect(counts.lastRejection).toContain('up_to');

    // The box still publishes: its next record takes the next number.
    const id = await postRegional(diss);
    expect(await eventually('Diss’s own record', () => ownSeq(diss, id))).toBe(ownBefore + 1);
    const steward = await signedInSteward(diss);
    expect((await steward.get('/stewards/siblings')).text).toContain('up_to');
  });

  it('is refused when its records bear out less than it claims, even records genuinely signed', async () => {
    const genuine = await signRecord(testRecord(rogueId, { seq: 3, town: 'Rogue Town' }), rogueKey);
    answer = async (request) => ({
      origins: request.origins
        .filter(({ origin }) => origin === rogueId)
        .map(({ origin }) => ({ origin, records: [genuine], up_to: 1_000_000_000_000 })),
    });
    const rejectedBefore = (await scene.rejections()).recordsRejected;
    await catchUpFromRogue();
    expect((await scene.rejections()).recordsRejected).toBe(rejectedBefore + 1);
    expect(await completeSeq(diss.database.db, rogueId)).toBe(0);
    expect(await remoteListing(diss, genuine.record.listing)).toBeUndefined();

    // The same records with an honest `up_to` are taken.
    answer = async (request) => ({
      origins: request.origins
        .filter(({ origin }) => origin === rogueId && request.origins.some((o) => o.origin === origin && o.after < 3))
        .map(({ origin }) => ({ origin, records: [genuine], up_to: 3 })),
    });
    await catchUpFromRogue();
    expect(await remoteListing(diss, genuine.record.listing)).toBeDefined();
    expect(await completeSeq(diss.database.db, rogueId)).toBe(3);
  });

  it('cannot move the box’s own counter with records that claim its origin but are not its own signature', async () => {
    const own = diss.sync!.peerId;
    const ownBefore = await completeSeq(diss.database.db, own);
    // Signed by the rogue, claiming to be Diss's own record.
    const forged = await signRecord(testRecord(own, { seq: ownBefore + 1_000 }), rogueKey);
    answer = async (request) => ({
      origins: request.origins
        .filter(({ origin }) => origin === own)
        .map(({ origin }) => ({ origin, records: [forged], up_to: ownBefore + 1_000 })),
    });
    const rejectedBefore = (await scene.rejections()).recordsRejected;
    await catchUpFromRogue();
    expect(await completeSeq(diss.database.db, own)).toBe(ownBefore);
    expect((await scene.rejections()).recordsRejected).toBeGreaterThan(rejectedBefore);
  });
});

describe('a box whose counters a sibling already poisoned', () => {
  it('recovers them when its peer layer starts, and publishes again', async () => {
    answer = async () => ({ origins: [] });
    const own = diss.sync!.peerId;
    // Diss has published one record of its own (the first test's listing).
    const highestOwn = await completeSeq(diss.database.db, own);
    // What the attack left behind on a box running the old code.
    await advanceCompleteSeq(diss.database.db, own, HUGE);
    await advanceCompleteSeq(diss.database.db, rogueId, HUGE);

    const address = addressOf(diss);
    await diss.sync!.stop();
    const back = await startSyncAgain(diss, { listen: [address], tickMs: 200, firstRedialMs: 200, maxRedialMs: 2_000 });
    try {
      expect(await completeSeq(diss.database.db, own)).toBe(highestOwn);
      // The rogue's records held reach 3: the progress for its origin goes back to what is held.
      expect(await completeSeq(diss.database.db, rogueId)).toBe(3);
      const id = await postRegional(diss);
      await back.listingsChanged();
      expect(await eventually('Diss’s own record after the restart', () => ownSeq(diss, id))).toBe(highestOwn + 1);
    } finally {
      await back.stop();
    }
  });
});
