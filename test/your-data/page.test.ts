import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiredArchivesJob } from '../../src/your-data/your-data.jobs.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { readTarGz } from '../helpers/tar.js';
import { OFFER_FORM, postListingMultipart } from '../listings/helpers.js';
import { signedIn } from '../members/helpers.js';
import { countExports, insertInterruptedExport } from './exports.queries.js';
import { downloadArchive, prepareArchive, section } from './helpers.js';

const newTokenIn = (html: string) => /id="new-token" type="text" readonly value="([^"]+)"/.exec(html)?.[1];

// One box for the whole file: Alice, with a listing and its photo, and Bob.
let box: TestBox & { stewardHandle: string };
let alice: Awaited<ReturnType<typeof addActiveMember>>;
let asAlice: HttpClient;
let asBob: HttpClient;
let listingId: string;
let aliceArchive: string;
beforeAll(async () => {
  box = await startSetUpBox();
  alice = await addActiveMember(box, { displayName: 'Alice Grower' });
  const bob = await addActiveMember(box, { displayName: 'Bob Neighbour' });
  asAlice = await signedIn(box, alice.email, alice.password);
  asBob = await signedIn(box, bob.email, bob.password);
  const photo = await sharp({ create: { width: 20, height: 20, channels: 3, background: 'green' } })
    .jpeg()
    .toBuffer();
  const posted = await postListingMultipart(
    asAlice,
    '/listings/new',
    { ...OFFER_FORM, title: 'Alice’s marrows' },
    photo,
  );
  expect(posted.status, posted.text.slice(0, 500)).toBe(303);
  listingId = posted.location!.replace('/listings/', '');
});
afterAll(() => box.close());

describe('the "Your data" page', () => {
  it('is linked from the account page, the member’s own profile and the menu', async () => {
    for (const page of ['/account', `/members/${alice.handle}`, '/listings']) {
      expect((await asAlice.get(page)).text).toContain('href="/account/data"');
    }
  });

  it('lists every kind of record, counted, with where to see it, and who sees each part of the profile', async () => {
    const page = await asAlice.get('/account/data');
    expect(page.status).toBe(200);
    const kind = (name: string) => new RegExp(`data-section="${name}">([\\s\\S]*?)</li>`).exec(page.text)?.[1] ?? '';
    expect(kind('listings')).toContain('1 record');
    expect(kind('listings')).toContain('href="/listings/mine"');
    expect(kind('photos')).toContain('1 record');
    expect(kind('sessions')).toContain('1 record');
    expect(kind('vouches')).toContain('none');
    for (const name of ['profile', 'vouches', 'groups', 'payments', 'feedback', 'api_tokens', 'decisions']) {
      expect(kind(name), name).not.toBe('');
    }
    expect(kind('regional_records')).toContain('neighbouring towns');
    expect(page.text).toMatch(/Your email and phone<\/td><td>only you</);
    expect(page.text).toContain('Prepare my archive');
  });
});

describe('the archive of it', () => {
  it('makes the archive in the background, shows its progress, and offers it to download', async () => {
    aliceArchive = await prepareArchive(asAlice);
    const page = await asAlice.get('/account/data');
    expect(page.text).toContain(`href="${aliceArchive}"`);
    expect(page.text).toContain('Prepare a new archive');
    const files = await downloadArchive(asAlice, aliceArchive);
    expect(files.get('your-data/README.txt')!.toString()).toContain('Your data from PlaNet Diss');
    expect(section(files, 'listings')).toMatchObject([{ id: listingId, title: 'Alice’s marrows' }]);
    expect(files.get('your-data/csv/listings.csv')!.toString()).toContain('Alice’s marrows');
    const shown = await asAlice.request('GET', `/listings/${listingId}/photo`);
    const extension = { 'image/jpeg': 'jpg', 'image/webp': 'webp' }[shown.headers.get('content-type')!];
    expect(files.get(`your-data/photos/${listingId}.${extension}`)).toEqual(Buffer.from(await shown.arrayBuffer()));
  });

  it('is for its member only: a visitor and another member are told there is no such archive', async () => {
    const visitor = box.client();
    expect((await visitor.get(aliceArchive)).status).toBe(404);
    expect((await asBob.get(aliceArchive)).status).toBe(404);
    expect((await asBob.get('/account/data/archive/999999')).status).toBe(404);
    expect((await asBob.get('/account/data/archive/not-a-number')).status).toBe(404);
    const page = await visitor.get('/account/data');
    expect(page.status).toBe(302);
    expect(page.response.headers.get('location')).toMatch(/^\/signin/);
    const refused = await visitor.postForm('/account/data/archive', {}, { from: '/signin' });
    expect(refused.status).toBe(401); // a visitor's form: sign in first
    // Bob's own page shows his data, not Alice's.
    const bobs = await asBob.get('/account/data');
    expect(bobs.text).not.toContain(aliceArchive);
  });
});

describe('the archive over the JSON API, and in French', () => {
  it('starts the archive over the API, says how far it is, then where to download it (its member only)', async () => {
    const tokenOf = async (client: HttpClient, name: string) => {
      const made = await client.postForm('/account/tokens', { name }, { from: '/account/tokens' });
      return newTokenIn((await client.get(made.location!)).text)!;
    };
    const bobs = await tokenOf(asBob, 'bob-export');
    expect((await box.client().json('GET', '/api/v1/me/export')).status).toBe(401);
    let answer = await box.client().json('GET', '/api/v1/me/export', undefined, bobs);
    expect([200, 202]).toContain(answer.status);
    for (let asked = 0; answer.body.export.state !== 'ready' && asked < 2000; asked++) {
      expect(answer.status).toBe(202);
      expect(answer.body.export.state).not.toBe('failed');
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await box.client().json('GET', '/api/v1/me/export', undefined, bobs);
    }
    expect(answer.status).toBe(200);
    expect(answer.body.export.download).toMatch(/^\/api\/v1\/me\/export\/\d+$/);
    const download = await box.client().request('GET', answer.body.export.download, {
      headers: { authorization: `Bearer ${bobs}` },
    });
    expect(download.status).toBe(200);
    const files = readTarGz(Buffer.from(await download.arrayBuffer()));
    expect(section(files, 'api_tokens')).toMatchObject([{ name: 'bob-export' }]);
    // Asked again: the same archive, not a new one.
    const again = await box.client().json('GET', '/api/v1/me/export', undefined, bobs);
    expect(again.body.export.id).toBe(answer.body.export.id);
    // Without a token, or with another member's: nothing.
    expect((await box.client().request('GET', answer.body.export.download)).status).toBe(401);
    const asAliceApi = await box
      .client()
      .json('GET', answer.body.export.download, undefined, await tokenOf(asAlice, 'a'));
    expect(asAliceApi.status).toBe(404);
    expect(asAliceApi.body.error.code).toBe('not_found');
  });

  it('writes the README in the member’s language', async () => {
    const switched = await asBob.postForm(
      '/language',
      { locale: 'fr', back: '/account/data' },
      { from: '/account/data' },
    );
    expect(switched.status).toBe(303);
    const files = await downloadArchive(asBob, await prepareArchive(asBob));
    expect(files.get('your-data/README.txt')!.toString()).toContain('Vos données chez PlaNet Diss');
    expect((await asBob.get('/account/data')).text).toContain('Télécharger mon archive');
  });
});

describe('an archive cut short', () => {
  it('is said to have failed when the box stopped while making it, and a new one replaces it', async () => {
    const carol = await addActiveMember(box, { displayName: 'Carol Restart' });
    const asCarol = await signedIn(box, carol.email, carol.password);
    await insertInterruptedExport(box.database.db, carol.id, box.clock.now());
    const page = await asCarol.get('/account/data');
    expect(page.text).toContain('Your archive could not be made.');
    expect(page.text).not.toContain('hx-trigger="every 2s"');
    const files = await downloadArchive(asCarol, await prepareArchive(asCarol));
    expect(section(files, 'profile')).toMatchObject([{ id: carol.id }]);
    expect(await countExports(box.database.db, carol.id)).toBe(1);
  });
});

describe('an archive’s day', () => {
  it('is deleted after a day: no longer downloaded, and the hourly job removes its file', async () => {
    const exports = path.join(box.config.dataDir, 'exports');
    expect(fs.readdirSync(exports).length).toBeGreaterThan(0);
    box.clock.advanceDays(1);
    box.clock.advanceMinutes(1);
    expect((await asAlice.get(aliceArchive)).status).toBe(404);
    expect((await asAlice.get('/account/data')).text).toContain('Prepare my archive');
    const said = await expiredArchivesJob(box.config.dataDir).run(box.database.db, box.clock.now());
    expect(said?.key).toBe('yourData.jobs.deleted');
    expect(fs.readdirSync(exports)).toEqual([]);
  });
});
