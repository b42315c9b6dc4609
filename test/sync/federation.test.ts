import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGroup } from '../../src/groups/groups.queries.js';
import {
  addressOf,
  addSibling,
  eventually,
  memberClient,
  postRegional,
  remoteListing,
  startFederatedBox,
  startSyncAgain,
  type FederatedBox,
} from './helpers.js';

// Eye ↔ Diss ↔ Harleston: Eye and Harleston are not siblings of each other's choosing
// in both directions (Eye does not list Harleston), so Eye's records reach Harleston through Diss.
let eye: FederatedBox, diss: FederatedBox, harleston: FederatedBox;

beforeAll(async () => {
  [eye, diss, harleston] = await Promise.all([
    startFederatedBox('Eye'),
    startFederatedBox('Diss'),
    startFederatedBox('Harleston'),
  ]);
  await addSibling(eye, diss);
  await addSibling(diss, eye);
  await addSibling(diss, harleston);
  await addSibling(harleston, diss);
  // Harleston accepts Eye's records (Eye is an origin it agreed to), but Eye refuses Harleston's connections.
  await addSibling(harleston, eye);
  await eventually(
    'Diss connected to both',
    async () => diss.sync!.isConnected(eye.sync!.peerId) && diss.sync!.isConnected(harleston.sync!.peerId),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([eye, diss, harleston].map((b) => b?.close()));
});

describe('regional listings across three boxes', () => {
  it('a listing posted in Eye reaches Harleston through Diss', async () => {
    expect(eye.sync!.isConnected(harleston.sync!.peerId)).toBe(false);
    const id = await postRegional(eye, { title: 'Bramley apples from Eye' });
    const atHarleston = await eventually('the listing at Harleston', () => remoteListing(harleston, id));
    expect(atHarleston).toMatchObject({ title: 'Bramley apples from Eye', origin: eye.sync!.peerId, kind: 'offer' });
    expect(await remoteListing(diss, id)).toBeDefined();
    // It came by Diss: Harleston has received nothing from Eye directly.
    const received = await harleston.database.db
      .selectFrom('siblings')
      .select(['name', 'records_received'])
      .orderBy('name')
      .execute();
    expect(received).toEqual([
      { name: 'Diss', records_received: expect.any(Number) },
      { name: 'Eye', records_received: 0 },
    ]);
    expect(received[0]!.records_received).toBeGreaterThan(0);
  });

  it('an edit and a withdraw propagate', async () => {
    const id = await postRegional(eye, { title: 'Pears' });
    await eventually('the listing at Harleston', () => remoteListing(harleston, id));
    const edited = await eye.client().json('PATCH', `/api/v1/listings/${id}`, { title: 'Conference pears' }, eye.token);
    expect(edited.status).toBe(200);
    await eventually(
      'the edit at Harleston',
      async () => (await remoteListing(harleston, id))?.title === 'Conference pears',
    );
    const withdrawn = await eye.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'withdrawn' }, eye.token);
    expect(withdrawn.status).toBe(200);
    await eventually('the withdraw at Harleston', async () => (await remoteListing(harleston, id)) === undefined);
    expect(await remoteListing(diss, id)).toBeUndefined();
  });
});

describe('remote listings in the app', () => {
  it('Diss search and API rank a listing from Eye by distance among local ones, labelled with its town', async () => {
    const id = await postRegional(eye, { title: 'Quince jelly from Eye', visibility: 'public' });
    await eventually('the listing at Diss', () => remoteListing(diss, id));
    const api = await diss.client().json('GET', '/api/v1/listings?q=quince&radius_km=25');
    expect(api.status).toBe(200);
    const found = api.body.listings.find((l: { id: string }) => l.id === id);
    expect(found).toMatchObject({
      title: 'Quince jelly from Eye',
      origin: { peer_id: eye.sync!.peerId, name: 'Eye' },
      regional: true,
      author: { handle: null },
    });
    // Eye is about 6.6 km from Diss's box; the record carries the rounded point only.
    expect(found.distance_m).toBeGreaterThan(5_500);
    expect(found.distance_m).toBeLessThan(7_500);
    const page = await diss.client().get('/listings?q=quince&radius=10&centre=box');
    expect(page.text).toContain('Quince jelly from Eye');
    expect(page.text).toContain('from Eye');
    const shown = await diss.client().get(`/listings/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Quince jelly from Eye');
  });

  it('a members-only listing from Eye is shown to Diss members, not to Diss visitors', async () => {
    const id = await postRegional(eye, { title: 'Members-only medlars', visibility: 'members' });
    await eventually('the listing at Diss', () => remoteListing(diss, id));
    const asVisitor = await diss.client().json('GET', '/api/v1/listings?q=medlars');
    expect(asVisitor.body.listings.map((l: { id: string }) => l.id)).not.toContain(id);
    expect((await diss.client().get(`/listings/${id}`)).status).toBe(404);
    const asMember = await diss.client().json('GET', '/api/v1/listings?q=medlars', undefined, diss.token);
    expect(asMember.body.listings.map((l: { id: string }) => l.id)).toContain(id);
  });

  it('refuses to share a listing meant for one group', async () => {
    const db = eye.database.db;
    const root = await db.selectFrom('groups').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const group = await insertGroup(
      db,
      root.id,
      { name: 'Allotment', slug: 'allotment', purpose: '', joinPolicy: 'invite', visibility: 'group' },
      eye.member.id,
      eye.clock.now(),
    );
    const refused = await eye.client().json(
      'POST',
      '/api/v1/listings',
      {
        kind: 'offer',
        title: 'Group secret',
        category: 'food',
        terms: 'free',
        visibility: `group:${group}`,
        regional: true,
      },
      eye.token,
    );
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('cannot be shared with neighbouring towns');
  });

  it('never sends the exact location or a hidden name', async () => {
    const exact = { lat: 52.32123, lon: 1.14987 };
    const id = await postRegional(eye, { title: 'Exact spot test', location: exact });
    const stored = await eventually('the listing at Diss', () => remoteListing(diss, id));
    expect(stored.public_lat).not.toBe(exact.lat);
    expect(Math.abs(stored.public_lat - exact.lat)).toBeLessThan(0.003);
    const record = await diss.database.db
      .selectFrom('listing_records')
      .select('signed')
      .where('listing_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(record.signed).not.toContain('52.32123');
    expect(record.signed).not.toContain('Eye Member'); // the member shows their name to members only
    expect(stored.author_name).toBeNull();
  });
});

describe('a box that was off', () => {
  it('catches up everything it missed when it comes back', async () => {
    const harlestonPeer = harleston.sync!.peerId;
    await harleston.sync!.stop();
    await eventually('Diss sees Harleston gone', async () => !diss.sync!.isConnected(harlestonPeer));

    const added = [
      await postRegional(eye, { title: 'Missed one' }),
      await postRegional(eye, { title: 'Missed two' }),
      await postRegional(eye, { title: 'Missed three' }),
    ];
    const withdrawn = await postRegional(eye, { title: 'Gone before you came back' });
    await eventually('Diss has them', async () => (await remoteListing(diss, withdrawn)) !== undefined);
    expect(
      (await eye.client().json('PATCH', `/api/v1/listings/${withdrawn}`, { status: 'withdrawn' }, eye.token)).status,
    ).toBe(200);
    await eventually('the withdraw at Diss', async () => (await remoteListing(diss, withdrawn)) === undefined);

    // The same box, key and database, started again (gossip of the above is long gone).
    const back = await startSyncAgain(harleston, {
      listen: ['/ip4/127.0.0.1/tcp/0'],
      tickMs: 200,
      firstRedialMs: 200,
      maxRedialMs: 2_000,
    });
    try {
      expect(back.peerId).toBe(harlestonPeer);
      for (const id of added) await eventually(`${id} at Harleston`, () => remoteListing(harleston, id));
      expect(await remoteListing(harleston, withdrawn)).toBeUndefined();
    } finally {
      await back.stop();
    }
  });
});

describe('"I’m interested" on a sibling town’s listing', () => {
  it('reaches the author on their box, and the answer comes back', async () => {
    const id = await postRegional(eye, { title: 'Rhubarb from Eye' });
    await eventually('the listing at Diss', () => remoteListing(diss, id));
    const asDiss = await memberClient(diss);
    const page = await asDiss.get(`/listings/${id}`);
    expect(page.text).toContain('I’m interested');
    const sent = await asDiss.postForm(
      `/listings/${id}/replies`,
      { body: 'Could I have some on Saturday?' },
      { from: `/listings/${id}` },
    );
    expect(sent.status).toBe(303);

    const asEye = await memberClient(eye);
    const uuid = await eventually('the conversation at Eye', async () => {
      const row = await eye.database.db
        .selectFrom('federated_conversations')
        .select('uuid')
        .where('listing_id', '=', id)
        .executeTakeFirst();
      return row?.uuid;
    });
    const authorPage = await asEye.get(`/listings/${id}`);
    expect(authorPage.text).toContain('from Diss');
    const opened = await asEye.get(`/listings/${id}?remote=${uuid}`);
    expect(opened.text).toContain('Could I have some on Saturday?');
    const answered = await asEye.postForm(
      `/listings/${id}/replies`,
      { conversation: uuid, body: 'Yes, come after ten.' },
      { from: `/listings/${id}?remote=${uuid}` },
    );
    expect(answered.status).toBe(303);
    await eventually('the answer at Diss', async () =>
      (await asDiss.get(`/listings/${id}`)).text.includes('Yes, come after ten.'),
    );
    // Nobody else reads it: not the relaying box, not another member.
    expect(await harleston.database.db.selectFrom('federated_messages').select('id').execute()).toEqual([]);
  });

  it('waits while the author’s box is off and is delivered when it is back', async () => {
    const id = await postRegional(eye, { title: 'Eggs from Eye' });
    await eventually('the listing at Diss', () => remoteListing(diss, id));
    const eyePeer = eye.sync!.peerId;
    const eyeAddress = addressOf(eye);
    await eye.sync!.stop();
    await eventually('Diss sees Eye gone', async () => !diss.sync!.isConnected(eyePeer));

    const asDiss = await memberClient(diss);
    await asDiss.postForm(`/listings/${id}/replies`, { body: 'Half a dozen, please.' }, { from: `/listings/${id}` });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await asDiss.get(`/listings/${id}`)).text).toContain('waiting for Eye’s box');

    const back = await startSyncAgain(eye, {
      listen: [eyeAddress],
      tickMs: 200,
      firstRedialMs: 200,
      maxRedialMs: 1_000,
    });
    try {
      await eventually('delivered to Eye', async () => {
        const rows = await eye.database.db
          .selectFrom('federated_messages')
          .select('body')
          .where('body', '=', 'Half a dozen, please.')
          .execute();
        return rows.length === 1;
      });
      await eventually(
        'no longer waiting at Diss',
        async () => !(await asDiss.get(`/listings/${id}`)).text.includes('waiting for Eye’s box'),
      );
    } finally {
      await back.stop();
    }
  });
});
