import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSibling } from '../../src/federation/siblings.queries.js';
import { addActiveMember, DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedIn } from '../members/helpers.js';
import { insertRemoteListing } from './remote-listing.queries.js';

const EYE = '12D3KooWEyeTestPeer';

/** "My listings" lists the conversations a member started about sibling towns' listings, with whom. */
describe('a conversation about a sibling town’s listing whose author’s name is not shown', () => {
  let box: TestBox;
  let asBob: HttpClient;
  beforeAll(async () => {
    box = await startSetUpBox();
    const bob = await addActiveMember(box, { displayName: 'Bob Neighbour' });
    asBob = await signedIn(box, bob.email, bob.password);
    const now = box.clock.now();
    await putSibling(box.database.db, { peerId: EYE, name: 'Eye', address: '/ip4/127.0.0.1/tcp/4002' }, now);
    const at = { lat: DISS.lat + 0.01, lon: DISS.lon + 0.01 };
    const id = await insertRemoteListing(
      box.database.db,
      { origin: EYE, town: 'Eye', title: 'Eye honey', at, authorName: null },
      now,
    );
    const sent = await asBob.postForm(
      `/listings/${id}/replies`,
      { body: 'Is there any left?' },
      { from: `/listings/${id}` },
    );
    expect(sent.status).toBe(303);
  });
  afterAll(() => box.close());

  it('names the author in the page’s language, the town beside it', async () => {
    const english = (await asBob.get('/listings/mine')).text;
    expect(english).toContain('Eye honey');
    expect(english).toContain('With the author');
    expect(english).toContain('from Eye');
    const french = (await asBob.get('/listings/mine', { 'accept-language': 'fr' })).text;
    expect(french).toContain('Avec l’auteur');
    expect(french).not.toContain('The author');
  });
});
