import '../../sync/polyfill.js';
import crypto from 'node:crypto';
import { noise } from '@chainsafe/libp2p-noise';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { yamux } from '@chainsafe/libp2p-yamux';
import { gossipsub, StrictSign } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import type { PrivateKey } from '@libp2p/interface';
import { tcp } from '@libp2p/tcp';
import { createLibp2p } from 'libp2p';
import { afterAll, beforeAll } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { listingsTopic } from '../../sync/gossip/topic.js';
import { loadOrCreateIdentity } from '../../sync/identity.js';
import { RECORD_VERSION, type ListingRecord } from '../../sync/records.js';
import { SyncService, type SyncServiceInit } from '../../sync/service.js';
import { syncPort } from '../../src/federation/sync-port.js';
import { listSiblings, putSibling } from '../../src/federation/siblings.queries.js';
import { addActiveMember, startSetUpBox, type TestBox, type TestBoxOptions } from '../helpers/box.js';

/** Real places, so distances between towns are real ones. */
export const TOWNS = {
  Diss: { lat: 52.3765, lon: 1.1077 },
  Eye: { lat: 52.3206, lon: 1.1477 },
  Harleston: { lat: 52.4033, lon: 1.2994 },
} as const;

export type FederatedBox = TestBox & {
  stewardHandle: string;
  token: string;
  name: string;
  member: Awaited<ReturnType<typeof addActiveMember>>;
};

/** A set-up box running its peer layer on loopback, with a member who has an API token. */
export async function startFederatedBox(
  name: keyof typeof TOWNS,
  sync: TestBoxOptions['sync'] = {},
): Promise<FederatedBox> {
  const box = await startSetUpBox({ communityName: name, at: TOWNS[name], sync });
  const member = await addActiveMember(box, {
    displayName: `${name} Member`,
    lat: TOWNS[name].lat + 0.002,
    lon: TOWNS[name].lon + 0.002,
  });
  const token = await createApiToken(box.database.db, member.id, 'test', box.clock.now());
  return Object.assign(box, { token, name, member });
}

/**
 * The same box, key and database with its peer layer started again (after `box.sync.stop()`, as a box that was off
 * comes back); the caller stops it.
 */
export async function startSyncAgain(
  box: TestBox,
  init: SyncServiceInit,
  log: (line: string) => void = () => {},
): Promise<SyncService> {
  const sync = new SyncService(
    {
      box: syncPort(box.database.db),
      identity: await loadOrCreateIdentity(box.config.dataDir),
      now: box.clock.now,
      log,
    },
    init,
  );
  await sync.start();
  return sync;
}

/** The box's listening address without its /p2p part, as a steward would type it. */
export function addressOf(box: TestBox): string {
  const full = box.sync!.addresses()[0]!;
  return full.replace(/\/p2p\/[^/]+$/, '');
}

/** `box` takes `sibling` on its list (what a steward does on the page or the CLI). */
export async function addSibling(box: TestBox, sibling: FederatedBox): Promise<void> {
  await putSibling(
    box.database.db,
    { peerId: sibling.sync!.peerId, name: sibling.name, address: addressOf(sibling) },
    box.clock.now(),
  );
  await box.sync!.siblingsChanged();
}

/** Eye and Diss, each on the other's list, connected and gossiping: the pair most federation tests start from. */
export async function startEyeAndDiss(): Promise<{ eye: FederatedBox; diss: FederatedBox }> {
  const [eye, diss] = await Promise.all([startFederatedBox('Eye'), startFederatedBox('Diss')]);
  await addSibling(eye, diss);
  await addSibling(diss, eye);
  await eventually('Diss connected to Eye', async () => diss.sync!.isConnected(eye.sync!.peerId));
  // Connected is not yet gossiping: a record published before each knows the other is on the region's topic is
  // delivered only by the next periodic catch-up, minutes later.
  await eventually(
    'Eye and Diss hear each other on the region topic',
    async () => eye.sync!.hearsGossip(diss.sync!.peerId) && diss.sync!.hearsGossip(eye.sync!.peerId),
  );
  return { eye, diss };
}

/** Eye and Diss (as `startEyeAndDiss`) for the tests of the block that calls it: started before, closed after. */
export function useEyeAndDiss(): { eye: FederatedBox; diss: FederatedBox } {
  const boxes = {} as { eye: FederatedBox; diss: FederatedBox };
  beforeAll(async () => {
    Object.assign(boxes, await startEyeAndDiss());
  }, 60_000);
  afterAll(async () => {
    await Promise.all([boxes.eye, boxes.diss].map((b) => b?.close()));
  });
  return boxes;
}

/** A regional listing posted at Eye, once Diss holds it, and a first message to it from Diss's member; its id. */
export async function replyFromDiss(boxes: { eye: FederatedBox; diss: FederatedBox }, title: string, body: string) {
  const id = await postRegional(boxes.eye, { title });
  await eventually('the listing at Diss', () => remoteListing(boxes.diss, id));
  const sent = await (await memberClient(boxes.diss)).postForm(
    `/listings/${id}/replies`,
    { body },
    { from: `/listings/${id}` },
  );
  if (sent.status !== 303) throw new Error(`Replying failed: ${sent.status}`);
  return id;
}

/** Polls until `check` returns something other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function remoteListing(box: TestBox, id: string) {
  return box.database.db.selectFrom('remote_listings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Posts a regional offer through the API; returns its id. */
export async function postRegional(box: FederatedBox, fields: Record<string, unknown> = {}): Promise<string> {
  const answer = await box.client().json(
    'POST',
    '/api/v1/listings',
    {
      kind: 'offer',
      title: `Apples from ${box.name}`,
      description: 'A crate of Bramleys.',
      category: 'food',
      terms: 'free',
      visibility: 'members',
      regional: true,
      ...fields,
    },
    box.token,
  );
  if (answer.status !== 201) throw new Error(`Posting failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.listing.id as string;
}

/** A browser signed in as the box's test member. */
export async function memberClient(box: FederatedBox) {
  const client = box.client();
  await client.signIn(box.member.email, box.member.password);
  return client;
}

/**
 * A bare libp2p node on loopback that speaks the protocols but none of the rules: what a broken or hostile sibling
 * could be.
 */
export async function rawPeer(privateKey: PrivateKey) {
  return createLibp2p({
    privateKey,
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      pubsub: gossipsub({ globalSignaturePolicy: StrictSign, allowPublishToZeroTopicPeers: false }),
    },
  });
}

export type RawPeer = Awaited<ReturnType<typeof rawPeer>>;

/**
 * `box` takes a bare node on its list (and dials it); resolves once the node sees `box` on `topic`, so what it
 * publishes there reaches `box`.
 */
export async function addRawSibling(box: TestBox, peer: RawPeer, name: string, topic: string): Promise<void> {
  await listRawSibling(box, peer, name);
  peer.services.pubsub.subscribe(topic);
  await eventually(`${name} seeing the box on the topic`, async () =>
    peer.services.pubsub.getSubscribers(topic).some((p) => p.toString() === box.sync!.peerId),
  );
}

/** `box` takes a bare node on its list, which it dials; the node follows no topic yet. */
export async function listRawSibling(box: TestBox, peer: RawPeer, name: string): Promise<void> {
  await putSibling(
    box.database.db,
    {
      peerId: peer.peerId.toString(),
      name,
      address: peer
        .getMultiaddrs()[0]!
        .toString()
        .replace(/\/p2p\/.*$/, ''),
    },
    box.clock.now(),
  );
  await box.sync!.siblingsChanged();
}

/** The hostile-sibling tests' scene: Diss, and a bare node with its own key on Diss's list as "Rogue". */
export interface DissAndRogue {
  diss: FederatedBox;
  rogue: RawPeer;
  rogueKey: PrivateKey;
  rogueId: string;
  /** The region's topic, which the rogue follows. */
  topic: string;
  /** What Diss holds against the rogue so far. */
  rejections(): Promise<{ recordsRejected: number; lastRejection: string | null }>;
  close(): Promise<void>;
}

/**
 * Starts Diss with a rogue sibling that follows the region's topic and sees Diss there, so what it publishes reaches
 * Diss. `prepare` sets the rogue up (the protocols it answers) before Diss first dials it.
 */
export async function startDissWithRogueSibling(prepare?: (rogue: RawPeer) => Promise<void>): Promise<DissAndRogue> {
  const diss = await startFederatedBox('Diss');
  const rogueKey = await generateKeyPair('Ed25519');
  const rogue = await rawPeer(rogueKey);
  const rogueId = rogue.peerId.toString();
  const topic = listingsTopic('South Norfolk');
  const close = async () => {
    await rogue.stop();
    await diss.close();
  };
  try {
    await prepare?.(rogue);
    await addRawSibling(diss, rogue, 'Rogue', topic);
  } catch (error) {
    await close();
    throw error;
  }
  const rejections = async () => {
    const { recordsRejected, lastRejection } = (await listSiblings(diss.database.db)).find(
      (s) => s.peerId === rogueId,
    )!;
    return { recordsRejected, lastRejection };
  };
  return { diss, rogue, rogueKey, rogueId, topic, rejections, close };
}

/** A well-formed listing record (unsigned) from `origin`, located in Eye: tests change what they test. */
export function testRecord(origin: string, overrides: Partial<ListingRecord> & { title?: string } = {}): ListingRecord {
  const { title = 'Genuine offer', ...fields } = overrides;
  return {
    v: RECORD_VERSION,
    origin,
    seq: 1,
    listing: crypto.randomUUID(),
    op: 'upsert',
    town: 'Eye',
    expires_at: '2026-12-20T10:00:00.000Z',
    fields: {
      kind: 'offer',
      title,
      description: '',
      category: 'goods',
      terms: 'free',
      price: null,
      lat_e6: Math.round(TOWNS.Eye.lat * 1e6),
      lon_e6: Math.round(TOWNS.Eye.lon * 1e6),
      author: null,
      public: true,
      created_at: '2026-11-22T09:00:00.000Z',
    },
    ...fields,
  };
}
