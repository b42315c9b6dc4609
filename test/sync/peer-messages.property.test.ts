import crypto from 'node:crypto';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { TopicValidatorResult } from '@libp2p/gossipsub';
import type { PeerId, PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATCH_UP_PROTOCOL } from '../../sync/catch-up/protocol.js';
import { listingsTopic } from '../../sync/gossip/topic.js';
import { REPLIES_PROTOCOL } from '../../sync/replies/protocol.js';
import { recordTimesProblem, signRecord, verifySignedRecord, type SignedRecord } from '../../sync/records.js';
import { completeSeq } from '../../src/federation/records.queries.js';
import { listSiblings } from '../../src/federation/siblings.queries.js';
import { heldRecords, progressMarks, shownRemoteListings } from './held.queries.js';
import { BREAKS, odd, PATHS, recordArb, replaceAnywhere, signAnything } from './hostile-messages.js';
import { addRawSibling, rawPeer, startFederatedBox, type FederatedBox, type RawPeer } from './helpers.js';

/*
 * Issue 12: every message a sibling can send, on every protocol (gossiped records, catch-up answers, replies),
 * generated and mutated by fast-check and fed to a real box through its own handlers. Whatever comes, the handler
 * never throws, nothing invalid is stored, no counter moves past what was received, and what is refused counts against
 * the sibling that sent it. Runs are few and bounded, so the file takes seconds.
 */

let diss: FederatedBox;
let dissId: string;
let rogueKey: PrivateKey;
let rogue: RawPeer;
let rogueId: string;
/** A box nobody listed: its records are signed properly but refused. */
let strangerKey: PrivateKey;
/** Answers to the rogue's catch-up requests, one per request; an empty answer when none is waiting. */
const answers: unknown[] = [];

interface Parts {
  validator: { validate(source: PeerId, data: Uint8Array): Promise<TopicValidatorResult> };
  catchUp: { catchUpFrom(peer: string): Promise<void> };
}
const parts = () => (diss.sync! as unknown as { parts: Parts }).parts;

async function rejected(): Promise<number> {
  return (await listSiblings(diss.database.db)).find((s) => s.peerId === rogueId)!.recordsRejected;
}

/** Sequence numbers above everything sent before, so a well-formed record is always new. */
let seqBase = 1_000;
const freshSeqs = () => {
  seqBase += 1_000;
  return seqBase;
};

/** A signed record that the box must refuse, with how it was broken. */
const brokenArb = (seq: () => number) =>
  fc
    .tuple(
      recordArb(diss.clock.now, () => rogueId, seq),
      fc.integer({ min: 0, max: BREAKS.length + 2 }),
    )
    .map(([record, n]) => {
      if (n < BREAKS.length) return { how: BREAKS[n]![0], make: () => signAnything(BREAKS[n]![1](record), rogueKey) };
      if (n === BREAKS.length) return { how: 'signed by another key', make: () => signAnything(record, strangerKey) };
      if (n === BREAKS.length + 1)
        return { how: 'claiming this box’s origin', make: () => signAnything({ ...record, origin: dissId }, rogueKey) };
      return {
        how: 'a signature over other content',
        make: async () => ({ ...(await signRecord(record, rogueKey)), record: { ...record, town: 'Elsewhere' } }),
      };
    });

/** Everything held checks out: each record verifies, its times are in range, and no counter passes what is held. */
async function expectNothingInvalidHeld(ownCounter: number): Promise<void> {
  const db = diss.database.db;
  const now = diss.clock.now();
  const held = await heldRecords(db);
  for (const row of held) {
    const { record, sig } = JSON.parse(row.signed) as SignedRecord;
    await expect(verifySignedRecord(record, sig)).resolves.toBeDefined();
    expect(recordTimesProblem(record, now)).toBeNull();
    expect([record.origin, record.seq, record.listing]).toEqual([row.origin, row.seq, row.listing_id]);
    expect(row.origin === dissId || row.origin === rogueId).toBe(true);
  }
  for (const listing of await shownRemoteListings(db)) {
    expect(listing.origin).toBe(rogueId);
    expect(Number.isNaN(Date.parse(listing.created_at)) || Number.isNaN(Date.parse(listing.expires_at))).toBe(false);
    expect(Math.abs(listing.public_lat)).toBeLessThanOrEqual(90);
  }
  expect(await completeSeq(db, dissId)).toBe(ownCounter);
  for (const mark of await progressMarks(db)) {
    if (mark.origin === dissId) continue;
    const highest = Math.max(0, ...held.filter((r) => r.origin === mark.origin).map((r) => r.seq));
    expect(mark.complete_seq).toBeLessThanOrEqual(highest);
  }
}

beforeAll(async () => {
  diss = await startFederatedBox('Diss');
  dissId = diss.sync!.peerId;
  [rogueKey, strangerKey] = await Promise.all([generateKeyPair('Ed25519'), generateKeyPair('Ed25519')]);
  rogueId = peerIdFromPrivateKey(rogueKey).toString();
  rogue = await rawPeer(rogueKey);
  await rogue.handle(CATCH_UP_PROTOCOL, async (stream) => {
    const lp = lpStream(stream, { maxDataLength: 4 * 1024 * 1024 });
    await lp.read();
    const answer = answers.shift() ?? { origins: [] };
    await lp.write(new TextEncoder().encode(typeof answer === 'string' ? answer : JSON.stringify(answer)));
    await stream.close();
  });
  await addRawSibling(diss, rogue, 'Rogue', listingsTopic('South Norfolk'));
  // Let the catch-up on connecting settle, with nothing to take.
  await parts().catchUp.catchUpFrom(rogueId);
}, 30_000);

afterAll(async () => {
  await rogue?.stop();
  await diss?.close();
});

describe('catch-up answers, generated and mutated', () => {
  it('never throw out of catch-up; a bad answer or record counts against the sibling, moves no counter', async () => {
    const ownCounter = await completeSeq(diss.database.db, dissId);
    const entryArb = fc.record({
      origin: fc.constantFrom(
        () => rogueId,
        () => dissId,
        () => 'not a peer id',
      ),
      records: fc.array(fc.oneof(fc.constant(null), fc.nat(BREAKS.length + 2)), { maxLength: 4 }),
      upTo: fc.oneof(fc.constant('last'), fc.constant('huge'), fc.integer({ min: -5, max: 5 }), odd),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 1, arbitrary: odd.map((junk) => ({ junk })) },
          { weight: 4, arbitrary: fc.array(entryArb, { maxLength: 3 }).map((entries) => ({ entries })) },
        ),
        recordArb(
          diss.clock.now,
          () => rogueId,
          () => 0,
        ),
        async (shape, template) => {
          const before = await rejected();
          const after = await completeSeq(diss.database.db, rogueId);
          let seq = Math.max(after, freshSeqs());
          let expectCounted = false;
          let answer: unknown;
          if ('junk' in shape) {
            answer = typeof shape.junk === 'object' && shape.junk !== null ? shape.junk : JSON.stringify(shape.junk);
            expectCounted = true;
          } else {
            const origins = [];
            const answered = new Set<string>();
            for (const entry of shape.entries) {
              const origin = entry.origin();
              // Only the first share of an origin the box asked about is looked at; the rest is left out.
              const lookedAt = (origin === rogueId || origin === dissId) && !answered.has(origin);
              answered.add(origin);
              const records: unknown[] = [];
              let last = 0;
              for (const broken of entry.records) {
                const record = { ...template, origin, listing: crypto.randomUUID(), seq: ++seq };
                if (broken === null && origin === rogueId) {
                  records.push(await signRecord(record, rogueKey));
                  last = record.seq;
                } else {
                  const n = broken ?? 0;
                  records.push(await signAnything(n < BREAKS.length ? BREAKS[n]![1](record) : record, strangerKey));
                  if (lookedAt) expectCounted = true;
                }
              }
              const upTo = entry.upTo === 'last' ? last : entry.upTo === 'huge' ? Number.MAX_SAFE_INTEGER : entry.upTo;
              if (lookedAt && typeof upTo === 'number' && upTo > Math.max(last, after)) expectCounted = true;
              origins.push({ origin, records, up_to: upTo });
            }
            answer = { origins };
          }
          answers.length = 0;
          answers.push(answer);
          await expect(parts().catchUp.catchUpFrom(rogueId)).resolves.toBeUndefined();
          if (expectCounted) expect(await rejected()).toBeGreaterThan(before);
          await expectNothingInvalidHeld(ownCounter);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('gossiped records, generated and mutated', () => {
  it('well-formed ones are taken; broken ones refused and counted; the gate never throws', async () => {
    const ownCounter = await completeSeq(diss.database.db, dissId);
    let seq = freshSeqs();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          recordArb(
            diss.clock.now,
            () => rogueId,
            () => ++seq,
          ).map((record) => ({ how: 'well-formed', make: () => signRecord(record, rogueKey) })),
          brokenArb(() => ++seq),
        ),
        async ({ how, make }) => {
          const before = await rejected();
          const signed = await make();
          const result = await parts().validator.validate(
            rogue.peerId,
            new TextEncoder().encode(JSON.stringify(signed)),
          );
          if (how === 'well-formed') {
            expect(result).toBe(TopicValidatorResult.Accept);
            expect(await rejected()).toBe(before);
          } else {
            expect(result, how).toBe(TopicValidatorResult.Reject);
            expect(await rejected(), how).toBe(before + 1);
          }
        },
      ),
      { numRuns: 60 },
    );
    await expectNothingInvalidHeld(ownCounter);
  });

  it('anything at all, anywhere in a record or in place of one, is taken only if valid, and never throws', async () => {
    const ownCounter = await completeSeq(diss.database.db, dissId);
    let seq = freshSeqs();
    await fc.assert(
      fc.asyncProperty(
        recordArb(
          diss.clock.now,
          () => rogueId,
          () => ++seq,
        ),
        fc.constantFrom(...PATHS),
        odd,
        fc.uint8Array({ maxLength: 300 }),
        fc.boolean(),
        async (record, path, value, junk, asBytes) => {
          const before = await rejected();
          const data = asBytes
            ? junk
            : new TextEncoder().encode(
                JSON.stringify(await signAnything(replaceAnywhere(record, path, value), rogueKey)),
              );
          const result = await parts().validator.validate(rogue.peerId, data);
          // Refused: counted once; taken or let go (an echo): not counted.
          expect(await rejected()).toBe(result === TopicValidatorResult.Reject ? before + 1 : before);
        },
      ),
      { numRuns: 60 },
    );
    await expectNothingInvalidHeld(ownCounter);
  });
});

describe('replies, generated and mutated', () => {
  /** Sends one reply request as the rogue; the answer, or null when the box reset the stream. */
  async function sendReply(bytes: Uint8Array): Promise<unknown> {
    const stream = await rogue.dialProtocol(multiaddr(diss.sync!.addresses()[0]!), REPLIES_PROTOCOL);
    const lp = lpStream(stream);
    try {
      await lp.write(bytes);
      const answer = JSON.parse(new TextDecoder().decode((await lp.read()).subarray()));
      await stream.close();
      return answer;
    } catch {
      stream.abort(new Error('done'));
      return null;
    }
  }

  const replyArb = fc.record({
    v: fc.constant(1),
    message: fc.uuid({ version: 4 }),
    conversation: fc.uuid({ version: 4 }),
    listing: fc.uuid({ version: 4 }),
    to: fc.constantFrom('author', 'replier'),
    sender_name: fc.string({ minLength: 1, maxLength: 100 }),
    body: fc.string({ minLength: 1, maxLength: 2000 }),
  });

  it('are answered (or the stream reset), never crash the box, count against the sender if malformed', async () => {
    await fc.assert(
      fc.asyncProperty(
        replyArb,
        fc.oneof(fc.constant(null), fc.constantFrom('v', 'message', 'to', 'sender_name', 'body', 'extra')),
        odd,
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
        ),
        async (reply, path, value, junk) => {
          const before = await rejected();
          const sent = path === null ? reply : { ...reply, [path]: path === 'extra' ? 1 : value };
          const answer = await sendReply(junk ?? new TextEncoder().encode(JSON.stringify(sent)));
          if (answer !== null) expect(answer).toMatchObject({ ok: false });
          // None of these listings is one Diss has: a well-formed reply is refused for that, and not counted.
          const wellFormed = junk === null && (path === null || JSON.stringify(sent) === JSON.stringify(reply));
          if (junk !== null) {
            expect(await rejected()).toBe(before + 1);
          } else if (wellFormed) {
            expect(answer).toEqual({ ok: false, reason: expect.stringMatching(/^unknown-/) });
            expect(await rejected()).toBe(before);
          } else if (answer !== null && (answer as { reason?: string }).reason === 'invalid') {
            expect(await rejected()).toBe(before + 1);
          }
        },
      ),
      { numRuns: 40 },
    );
    expect((await diss.client().get('/healthz')).status).toBe(200);
  });
});
