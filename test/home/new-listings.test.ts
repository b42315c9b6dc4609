import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { postListingForm } from '../listings/helpers.js';
import { signedInMember } from '../members/helpers.js';
import { daySection } from './helpers.js';
import { addToGroup, groupIdOf, setStatus } from './home.queries.js';

/**
 * The offers and wants new near a member since their last visit, on their home page: the newest few on a first visit,
 * then what was posted since the visit before, seen with exactly the search's rules of who may see what.
 */

let box: TestBox & { stewardHandle: string };
let asCarol: HttpClient, asDave: HttpClient, asErin: HttpClient;
let dave: { id: number }, erin: { id: number };

beforeAll(async () => {
  box = await startSetUpBox();
  ({ client: asCarol } = await signedInMember(box, { displayName: 'Carol Reader' }));
  ({ member: dave, client: asDave } = await signedInMember(box, { displayName: 'Dave Poster' }));
  ({ member: erin, client: asErin } = await signedInMember(box, { displayName: 'Erin Insider' }));
});
afterAll(() => box.close());

const newNear = (client: HttpClient) => daySection(client, 'day-new');

/** A group only its members know of, Erin in it and Carol not; its id. */
async function quietCircle(): Promise<number> {
  const made = await asDave.postForm(
    '/groups/new?parent=community',
    { name: 'Quiet Circle', slug: 'quiet-circle', purpose: '', join_policy: 'invite', visibility: 'group' },
    { from: '/groups/new?parent=community' },
  );
  expect(made.status, made.text.slice(0, 400)).toBe(303);
  const groupId = await groupIdOf(box.database.db, 'quiet-circle');
  await addToGroup(box.database.db, groupId, erin.id);
  return groupId;
}

describe('offers and wants new near the member since their last visit', () => {
  it('shows the newest on a first visit, then only what was posted since the visit before', async () => {
    await postListingForm(asDave, { title: 'Old bicycle' });
    const first = await newNear(asCarol);
    expect(first).toContain('Newest near you');
    expect(first).toContain('Old bicycle');
    expect(await newNear(asErin)).toContain('Old bicycle');

    box.clock.advanceMinutes(60);
    const groupId = await quietCircle();
    await postListingForm(asDave, { title: 'Fresh eggs', visibility: 'members' });
    await postListingForm(asDave, { title: 'Quiet seeds', visibility: `group:${groupId}` });
    await postListingForm(asDave, { title: 'Far-away table', lat: String(DISS.lat + 0.3), lon: String(DISS.lon) });
    await postListingForm(asCarol, { title: 'Carol’s own chair' });

    const carols = await newNear(asCarol);
    expect(carols).toContain('New near you since your last visit');
    expect(carols).toContain('Fresh eggs');
    expect(carols).not.toContain('Old bicycle'); // before her last visit
    expect(carols).not.toContain('Quiet seeds'); // a group she is not in, which she may not even know exists
    expect(carols).not.toContain('Far-away table'); // beyond the search's 10 km
    expect(carols).not.toContain('Carol’s own chair'); // her own
    // The group's listing is there for those who may see it, as the search shows it.
    expect(await newNear(asErin)).toContain('Quiet seeds');
    expect((await asErin.get('/listings')).text).toContain('Quiet seeds');
    expect((await asCarol.get('/listings')).text).not.toContain('Quiet seeds');

    // Opening the page again in the same visit shows the same; the next visit counts from this one.
    expect(await newNear(asCarol)).toContain('Fresh eggs');
    box.clock.advanceMinutes(60);
    const next = await newNear(asCarol);
    expect(next).not.toContain('Fresh eggs');
    expect(next).toContain('Nothing new near you since your last visit.');
  });

  it('leaves out the listings of a suspended member, as the search does', async () => {
    box.clock.advanceMinutes(60);
    await newNear(asCarol);
    box.clock.advanceMinutes(60);
    await postListingForm(asDave, { title: 'Spare apples' });
    await setStatus(box.database.db, dave.id, 'suspended');
    expect(await newNear(asCarol)).not.toContain('Spare apples');
    await setStatus(box.database.db, dave.id, 'active');
    expect(await newNear(asCarol)).toContain('Spare apples');
  });

  it('shows a visitor no day, only the four areas, none of them saying what is not there', async () => {
    const page = await box.client().get('/');
    expect(page.text).not.toContain('class="day"');
    for (const area of ['Synergy — exchange', 'Who We Are — people', 'Commons — deciding together', 'Direction']) {
      expect(page.text).toContain(area);
    }
    expect(page.text).not.toMatch(/not here yet/i);
  });
});
