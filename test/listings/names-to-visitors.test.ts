import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedIn } from '../members/helpers.js';
import { postListingForm } from './helpers.js';

/*
 * Issue 12, finding 5: a member whose name is shown to members only was still identified to visitors by the handle
 * made from that name (`dan-cooper`): in the link to their profile on a listing's page, in the API's `author.handle`
 * (and as the name itself, in its place), and as the Atom feed's author. A visitor sees neither name nor handle where
 * the name is hidden from them; a member whose name is public is still named, and linked, for everyone.
 */

let box: TestBox & { stewardHandle: string };
let dan: Awaited<ReturnType<typeof addActiveMember>>;
let olive: Awaited<ReturnType<typeof addActiveMember>>;
let asDan: HttpClient, asOlive: HttpClient, visitor: HttpClient;
let dansListing: string, promisedToDan: string;

const NAMED = /dan-cooper|Dan Cooper/i;

beforeAll(async () => {
  box = await startSetUpBox();
  // A person's name is shown to members only unless they choose otherwise; a business's to everyone.
  dan = await addActiveMember(box, { displayName: 'Dan Cooper' });
  olive = await addActiveMember(box, { displayName: 'Olive Bakery', kind: 'business' });
  expect(dan.handle).toBe('dan-cooper');
  [asDan, asOlive] = await Promise.all([
    signedIn(box, dan.email, dan.password),
    signedIn(box, olive.email, olive.password),
  ]);
  visitor = box.client();

  dansListing = await postListingForm(asDan, { title: 'Barrel staves', visibility: 'public' });
  promisedToDan = await postListingForm(asOlive, { title: 'Day-old loaves', visibility: 'public' });
  await postListingForm(asOlive, { title: 'Sourdough starter', visibility: 'public' });
  await asDan.postForm(
    `/listings/${promisedToDan}/replies`,
    { body: 'Yes please.' },
    { from: `/listings/${promisedToDan}` },
  );
  const promised = await asOlive.postForm(
    `/listings/${promisedToDan}/promise`,
    { to: dan.handle },
    { from: `/listings/${promisedToDan}` },
  );
  expect(promised.status).toBe(303);
}, 30_000);

afterAll(() => box?.close());

describe('a member whose name visitors may not see', () => {
  it('is neither named nor linked by handle on a listing’s page, as author or as who it is promised to', async () => {
    const authored = await visitor.get(`/listings/${dansListing}`);
    expect(authored.status).toBe(200);
    expect(authored.text).toContain('Barrel staves');
    expect(authored.text).not.toMatch(NAMED);
    expect(authored.text).toMatch(/By a member ·/);

    const promised = await visitor.get(`/listings/${promisedToDan}`);
    expect(promised.status).toBe(200);
    expect(promised.text).not.toMatch(NAMED);
    expect(promised.text).toMatch(/promised<\/strong> to a member/);
    // Olive's name is public: visitors see it, with the link to her profile.
    expect(promised.text).toContain(`<a href="/members/${olive.handle}">Olive Bakery</a>`);
  });

  it('is not in the search results or the Atom feed', async () => {
    const search = await visitor.get('/listings?q=staves&centre=box&radius=any');
    expect(search.text).toContain('Barrel staves');
    expect(search.text).not.toMatch(NAMED);

    const feed = await visitor.get('/listings/feed.atom');
    expect(feed.text).toContain('Barrel staves');
    expect(feed.text).not.toMatch(NAMED);
    expect(feed.text).toContain('<author><name>A member</name></author>');
    expect(feed.text).toContain('<author><name>Olive Bakery</name></author>');
  });

  it('has no handle in the API without a token', async () => {
    const one = await visitor.json('GET', `/api/v1/listings/${dansListing}`);
    expect(one.status).toBe(200);
    expect(one.body.listing.author).toEqual({ handle: null, name: null });
    const search = await visitor.json('GET', '/api/v1/listings?q=staves');
    expect(JSON.stringify(search.body)).not.toMatch(NAMED);
    const olives = await visitor.json('GET', `/api/v1/listings/${promisedToDan}`);
    expect(olives.body.listing.author).toEqual({ handle: olive.handle, name: 'Olive Bakery' });
  });

  it('is still named, and linked, for members', async () => {
    const page = await asOlive.get(`/listings/${dansListing}`);
    expect(page.text).toContain(`<a href="/members/dan-cooper">Dan Cooper</a>`);
    expect((await asOlive.get(`/listings/${promisedToDan}`)).text).toMatch(
      /promised<\/strong> to <a href="\/members\/dan-cooper">Dan Cooper<\/a>/,
    );
  });
});
