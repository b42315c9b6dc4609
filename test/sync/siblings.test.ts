import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_KEY_FILE } from '../../sync/identity.js';
import { noteDiscoveredPeer } from '../../src/federation/siblings.queries.js';
import { cli, tempDataDir } from '../cli/cli-io.js';
import { addActiveMember } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { addressOf, eventually, postRegional, remoteListing, startFederatedBox, type FederatedBox } from './helpers.js';
import { signedInSteward } from '../members/helpers.js';

let eye: FederatedBox, diss: FederatedBox;
let steward: HttpClient;

beforeAll(async () => {
  [eye, diss] = await Promise.all([startFederatedBox('Eye'), startFederatedBox('Diss')]);
  steward = await signedInSteward(diss);
}, 30_000);

afterAll(async () => {
  await Promise.all([eye, diss].map((b) => b?.close()));
});

describe('the stewards’ page of neighbouring towns', () => {
  it('shows this box’s peer id and addresses to stewards only', async () => {
    const page = await steward.get('/stewards/siblings');
    expect(page.status).toBe(200);
    expect(page.text).toContain(diss.sync!.peerId);
    expect(page.text).toContain(addressOf(diss));
    const asVisitor = await diss.client().get('/stewards/siblings');
    expect(asVisitor.status).toBe(302);
    expect(asVisitor.response.headers.get('location')).toContain('/signin');
    const member = await addActiveMember(diss);
    const asMember = diss.client();
    await asMember.signIn(member.email, member.password);
    expect((await asMember.get('/stewards/siblings')).status).toBe(403);
    expect(
      (
        await asMember.postForm(
          '/stewards/siblings',
          { name: 'Eye', peer_id: eye.sync!.peerId, address: addressOf(eye) },
          { from: '/' },
        )
      ).status,
    ).toBe(403);
  });

  it('refuses a peer id or address that is not one, keeping what was typed', async () => {
    const bad = await steward.postForm(
      '/stewards/siblings',
      { name: 'Eye', peer_id: 'not-a-peer-id', address: '/ip4/127.0.0.1/udp/4001' },
      { from: '/stewards/siblings' },
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('That is not a box');
    expect(bad.text).toContain('The address must look like');
    expect(bad.text).toContain('value="not-a-peer-id"');
    const self = await steward.postForm(
      '/stewards/siblings',
      { name: 'Me', peer_id: diss.sync!.peerId, address: addressOf(diss) },
      { from: '/stewards/siblings' },
    );
    expect(self.status).toBe(422);
    expect(self.text).toContain('own peer id');
    expect(await diss.database.db.selectFrom('siblings').selectAll().execute()).toEqual([]);
  });
});

describe('adding and removing a sibling on the stewards’ page', () => {
  it('federates once both stewards agree (one on the page, one on the command line), without a restart', async () => {
    const added = await steward.postForm(
      '/stewards/siblings',
      { name: 'Eye', peer_id: eye.sync!.peerId, address: `${addressOf(eye)}/p2p/${eye.sync!.peerId}` },
      { from: '/stewards/siblings' },
    );
    expect(added.status).toBe(303);
    // Eye has not agreed yet: its gate refuses Diss (Diss may see a connection for the moment Eye takes to hang up).
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(eye.sync!.isConnected(diss.sync!.peerId)).toBe(false);

    const run = await cli([
      'peers',
      'add',
      diss.sync!.peerId,
      addressOf(diss),
      '--name',
      'Diss',
      '--data-dir',
      eye.config.dataDir,
    ]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toContain('Added sibling Diss');
    // Both sides: until Eye has read its list, Diss's dials may look open on Diss's side for the moment Eye takes to
    // hang up.
    await eventually(
      'connected',
      async () => diss.sync!.isConnected(eye.sync!.peerId) && eye.sync!.isConnected(diss.sync!.peerId),
    );
    const page = await steward.get('/stewards/siblings');
    expect(page.text).toContain('<h3>Eye <span class="tag connected">connected</span></h3>');

    const id = await postRegional(eye, { title: 'Shared after agreeing' });
    await eventually('the listing at Diss', () => remoteListing(diss, id));
    await eventually('counted', async () =>
      (await steward.get('/stewards/siblings')).text.includes('Records received: 1 · rejected: 0'),
    );
  });

  it('removing a sibling disconnects it and drops its listings at once', async () => {
    const before = await diss.database.db.selectFrom('remote_listings').select('id').execute();
    expect(before.length).toBeGreaterThan(0);
    const removed = await steward.postForm(
      `/stewards/siblings/${eye.sync!.peerId}/remove`,
      {},
      { from: '/stewards/siblings' },
    );
    expect(removed.status).toBe(303);
    await eventually('disconnected', async () => !diss.sync!.isConnected(eye.sync!.peerId));
    expect(await diss.database.db.selectFrom('remote_listings').select('id').execute()).toEqual([]);
    const later = await postRegional(eye, { title: 'Not for Diss any more' });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await remoteListing(diss, later)).toBeUndefined();
    expect(
      (await steward.postForm(`/stewards/siblings/${eye.sync!.peerId}/remove`, {}, { from: '/stewards/siblings' }))
        .status,
    ).toBe(404);
  });
});

describe('boxes seen on the local network', () => {
  it('are listed as awaiting approval, never trusted, and added only through the form', async () => {
    const seen = '12D3KooWT2p7o3QJ929MGDT6Zp8Hv5T8jNow4uR1jzGmRjEUqhvT';
    // What the peer layer records when mDNS reports a box (mDNS itself is not run here: tests stay on 127.0.0.1).
    await noteDiscoveredPeer(diss.database.db, seen, [`/ip4/127.0.0.1/tcp/4555/p2p/${seen}`], diss.clock.now());
    const page = await steward.get('/stewards/siblings');
    expect(page.text).toContain('awaiting approval');
    expect(page.text).toContain(seen);
    expect(
      await diss.database.db.selectFrom('siblings').select('peer_id').where('peer_id', '=', seen).execute(),
    ).toEqual([]);
    const prefilled = await steward.get(
      `/stewards/siblings?peer_id=${seen}&address=${encodeURIComponent('/ip4/127.0.0.1/tcp/4555')}`,
    );
    expect(prefilled.text).toContain(`value="${seen}"`);
    const added = await steward.postForm(
      '/stewards/siblings',
      { name: 'Found', peer_id: seen, address: '/ip4/127.0.0.1/tcp/4555' },
      { from: '/stewards/siblings' },
    );
    expect(added.status).toBe(303);
    expect((await steward.get('/stewards/siblings')).text).not.toContain('awaiting approval');
    expect((await cli(['peers', 'remove', seen, '--data-dir', diss.config.dataDir])).code).toBe(0);
  });
});

describe('marketcross peers', () => {
  it('self makes the key once (mode 0600) and prints the same peer id every time', async () => {
    const data = tempDataDir();
    try {
      const first = await cli(['peers', 'self', '--data-dir', data.dir, '--p2p-listen', '/ip4/127.0.0.1/tcp/4999']);
      expect(first.code).toBe(0);
      const peerId = /Peer id: (\S+)/.exec(first.out)![1]!;
      expect(first.out).toContain('/ip4/127.0.0.1/tcp/4999');
      expect(fs.statSync(path.join(data.dir, PEER_KEY_FILE)).mode & 0o777).toBe(0o600);
      const again = await cli(['peers', 'self', '--data-dir', data.dir]);
      expect(again.out).toContain(`Peer id: ${peerId}`);
      expect((await cli(['peers', 'self', '--data-dir', data.dir, '--no-p2p'])).out).toContain('runs alone');
    } finally {
      data.remove();
    }
  });

  it('add, list and remove, with clear refusals (exit 2) for bad arguments', async () => {
    const dir = diss.config.dataDir;
    expect(
      (await cli(['peers', 'add', 'nonsense', '/ip4/1.2.3.4/tcp/1', '--name', 'X', '--data-dir', dir])).err,
    ).toContain('That is not a box');
    expect((await cli(['peers', 'add', eye.sync!.peerId, '/ip4/1.2.3.4/tcp/1', '--data-dir', dir])).code).toBe(2);
    expect((await cli(['peers', 'add', eye.sync!.peerId, 'somewhere', '--name', 'Eye', '--data-dir', dir])).code).toBe(
      2,
    );
    expect((await cli(['peers', 'add', eye.sync!.peerId, '--name', 'Eye', '--data-dir', dir])).code).toBe(2);
    expect(
      (await cli(['peers', 'add', diss.sync!.peerId, addressOf(diss), '--name', 'Me', '--data-dir', dir])).err,
    ).toContain('own peer id');

    expect(
      (await cli(['peers', 'add', eye.sync!.peerId, addressOf(eye), '--name', 'Eye', '--data-dir', dir])).code,
    ).toBe(0);
    const list = await cli(['peers', 'list', '--json', '--data-dir', dir]);
    expect(JSON.parse(list.out)).toEqual([
      expect.objectContaining({ peerId: eye.sync!.peerId, name: 'Eye', address: addressOf(eye) }),
    ]);
    const renamed = await cli([
      'peers',
      'add',
      eye.sync!.peerId,
      addressOf(eye),
      '--name',
      'Eye (Suffolk)',
      '--data-dir',
      dir,
    ]);
    expect(renamed.out).toContain('Updated sibling Eye (Suffolk)');
    expect((await cli(['peers', 'remove', eye.sync!.peerId, '--data-dir', dir])).code).toBe(0);
    expect((await cli(['peers', 'remove', eye.sync!.peerId, '--data-dir', dir])).code).toBe(1);
    expect((await cli(['peers', 'list', '--data-dir', dir])).err).toContain('No siblings yet');
  });
});
