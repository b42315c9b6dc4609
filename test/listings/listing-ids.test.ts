import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { acceptGossiped } from '../../src/federation/record-intake.queries.js';
import { putSibling } from '../../src/federation/siblings.queries.js';
import { signRecord, type ListingRecord } from '../../sync/records.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedIn } from '../members/helpers.js';
import { testRecord } from '../sync/helpers.js';
import { postListingForm } from './helpers.js';
import { holdersOf } from './ids.queries.js';

/*
 * Issue 12, finding 10: `POST /api/v1/listings/<id>` took the id of a sibling town's listing, after which the local
 * copy answered for it (and replies went to the member who took it). Ids are unique across local listings and sibling
 * towns' ones, whichever came first: a member cannot take a sibling's id, and a sibling's record cannot take a local
 * listing's.
 */

const SELF = '12D3KooWThisBoxItself';
let box: TestBox & { stewardHandle: string };
let eyeKey: PrivateKey;
let eyeId: string;
let bobToken: string;
let alice: Awaited<ReturnType<typeof addActiveMember>>;
let asAlice: HttpClient;
let nextSeq = 1;

/** Takes a record from Eye as gossip brings it in. */
async function fromEye(overrides: Partial<ListingRecord> & { title?: string }) {
  const record = testRecord(eyeId, { seq: nextSeq++, ...overrides });
  const [taken] = await acceptGossiped(
    box.database.db,
    [{ signed: await signRecord(record, eyeKey), from: eyeId }],
    SELF,
    box.clock.now(),
  );
  expect(taken).toMatchObject({ outcome: 'accepted' });
  return record;
}

const postWithId = (id: string, title: string) =>
  box
    .client()
    .json(
      'POST',
      `/api/v1/listings/${id}`,
      { kind: 'offer', title, category: 'goods', terms: 'free', location: { lat: 52.38, lon: 1.12 } },
      bobToken,
    );

beforeAll(async () => {
  box = await startSetUpBox();
  eyeKey = await generateKeyPair('Ed25519');
  eyeId = peerIdFromPrivateKey(eyeKey).toString();
  await putSibling(
    box.database.db,
    { peerId: eyeId, name: 'Eye', address: '/ip4/127.0.0.1/tcp/4002' },
    box.clock.now(),
  );
  alice = await addActiveMember(box, { displayName: 'Alice Grower' });
  const bob = await addActiveMember(box, { displayName: 'Bob Neighbour' });
  asAlice = await signedIn(box, alice.email, alice.password);
  bobToken = await createApiToken(box.database.db, bob.id, 'b', box.clock.now());
}, 30_000);

afterAll(() => box?.close());

describe('a client-chosen listing id', () => {
  it('is refused when a sibling town’s listing has it, which stays the one the id names', async () => {
    const eyes = await fromEye({ title: 'Eye honey' });
    const taken = await postWithId(eyes.listing, 'Honey, mine now');
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('A listing with this id exists already.');
    expect(await holdersOf(box.database.db, eyes.listing)).toEqual({ authors: [], origins: [eyeId] });
    const page = await asAlice.get(`/listings/${eyes.listing}`);
    expect(page.text).toContain('Eye honey');
    expect(page.text).not.toContain('Honey, mine now');
  });

  it('is refused when a sibling’s record for it is held, though not shown (withdrawn)', async () => {
    const eyes = await fromEye({ title: 'Eye apples' });
    await fromEye({ listing: eyes.listing, op: 'withdraw', fields: null });
    expect((await postWithId(eyes.listing, 'Apples, mine now')).status).toBe(409);
    expect(await holdersOf(box.database.db, eyes.listing)).toEqual({ authors: [], origins: [] });
  });

  it('is still taken when no listing anywhere has it', async () => {
    const id = crypto.randomUUID();
    const created = await postWithId(id, 'Fresh pears');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.listing.id).toBe(id);
    expect((await postWithId(id, 'Fresh pears again')).status).toBe(409);
  });
});

describe('a sibling’s record with a local listing’s id', () => {
  it('is kept for relaying but never shown: the id still names the local listing', async () => {
    const id = await postListingForm(asAlice, { title: 'Alice’s quince', visibility: 'public' });
    await fromEye({ listing: id, title: 'Eye’s quince, taking over' });
    expect(await holdersOf(box.database.db, id)).toEqual({ authors: [alice.id], origins: [] });
    const page = await box.client().get(`/listings/${id}`);
    expect(page.text).toContain('Alice’s quince');
    expect(page.text).not.toContain('taking over');
    const api = await box.client().json('GET', `/api/v1/listings/${id}`);
    expect(api.body.listing).toMatchObject({ title: 'Alice’s quince', origin: null });
    expect((await box.client().get('/listings?q=quince&centre=box&radius=any')).text).not.toContain('taking over');
  });
});
