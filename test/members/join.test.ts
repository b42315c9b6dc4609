import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLASH_MINUTES } from '../helpers/flash.js';
import { insertPlace } from '../../src/members/places.queries.js';
import { fingerprint } from '../helpers/bad-input/state.queries.js';
import { startSetUpBox, STEWARD, type TestBox } from '../helpers/box.js';
import { joinFields, memberRow, requestToJoin, signedInMember } from './helpers.js';

describe('asking to join', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox({ vouchesRequired: 2 });
    await insertPlace(box.database.db, { name: 'Roydon', lat: 52.378, lon: 1.083 });
  });
  afterAll(() => box.close());

  it('shows visitors the form with the places list and a hidden geolocation button', async () => {
    const page = await box.client().get('/join');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="1">Roydon</option>');
    expect(page.text).toMatch(
      /<button type="button"[^>]* hidden data-geolocate data-lat="f-lat" data-lon="f-lon" aria-controls="geo-status">/,
    );
    expect(page.text).toContain('name="why_join"');
  });

  it('stores a pending member and says how many vouches are needed', async () => {
    const sent = await requestToJoin(box);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/join/sent');
    const page = await sent.client.get(sent.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('2 more vouches');
    expect(page.text).toContain('sign in');
    const row = await memberRow(box, 'nell-newcomer');
    expect(row).toMatchObject({
      status: 'pending',
      kind: 'person',
      email: 'nell@example.org',
      why_join: 'I grow too many tomatoes.',
      lat: 52.38123,
      lon: 1.10987,
      place_id: null,
      role: 'member',
    });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('shows the answer to the browser that sent the request alone, again on a reload, for a while', async () => {
    const sent = await requestToJoin(box, { display_name: 'Rita Reload', contact: 'rita@example.org' });
    expect(sent.status).toBe(303);
    const members = async () => (await box.database.db.selectFrom('members').select('id').execute()).length;
    const before = await members();
    for (let i = 0; i < 2; i++) {
      const page = await sent.client.get('/join/sent');
      expect(page.status).toBe(200);
      expect(page.text).toContain('2 more vouches');
    }
    expect(await members()).toBe(before);

    // Another visitor, a member, or a forged address learn nothing of it.
    for (const other of [box.client(), (await signedInMember(box)).client]) {
      const page = await other.get('/join/sent');
      expect(page.status).toBe(404);
      expect(page.text).not.toContain('vouches');
    }
    expect((await box.client().get('/join/sent?active=1')).status).toBe(404);

    box.clock.advanceMinutes(FLASH_MINUTES);
    expect((await sent.client.get('/join/sent')).status).toBe(404);
  });

  it('takes a place from the list instead of coordinates', async () => {
    const sent = await requestToJoin(box, {
      display_name: 'Pat Placed',
      contact: '07700 900123',
      place_id: '1',
      lat: '',
      lon: '',
    });
    expect(sent.status).toBe(303);
    expect(await memberRow(box, 'pat-placed')).toMatchObject({
      phone: '+447700900123',
      email: null,
      place_id: 1,
      lat: 52.378,
      lon: 1.083,
    });
  });

  it('re-shows the form with every problem, the input kept, and stores nothing', async () => {
    const before = await box.database.db.selectFrom('members').select('id').execute();
    const res = await requestToJoin(box, {
      display_name: '',
      kind: 'robot',
      contact: 'not a contact',
      password: 'short',
      why_join: '',
      lat: '',
      lon: '',
      about: 'x',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Name is required.');
    expect(res.text).toContain('Kind must be one of: person, business or organisation.');
    expect(res.text).toContain('Email or phone must be an email address');
    expect(res.text).toContain('Password must be at least 10 characters.');
    expect(res.text).toContain('Why you would like to join is required.');
    expect(res.text).toContain('Pick the place nearest you, or type your latitude and longitude.');
    expect(res.text).toContain('value="not a contact"');
    expect(res.text).not.toContain('value="short"');
    expect(await box.database.db.selectFrom('members').select('id').execute()).toHaveLength(before.length);
  });

  it.each([
    [{ lat: '52.4', lon: '' }, 'Type both the latitude and the longitude'],
    [{ lat: '95', lon: '1' }, 'Latitude must be between -90 and 90.'],
    [{ lat: 'north', lon: '1' }, 'Latitude must be a number'],
    [{ place_id: '999', lat: '', lon: '' }, 'That place is no longer on the list'],
  ])('refuses a bad location %o', async (location, message) => {
    const res = await requestToJoin(box, { display_name: 'Lou Located', contact: 'lou@example.org', ...location });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(await memberRow(box, 'lou-located')).toBeUndefined();
  });

  it("answers a join with a member's email or phone exactly as a new one, and stores nothing", async () => {
    const withoutTokens = (html: string) => html.replace(/name="_csrf" value="[^"]+"|"X-CSRF-Token": "[^"]+"/g, '');
    const fresh = await requestToJoin(box, { display_name: 'Fresh Fay', contact: 'fay@example.org' });
    const members = async () => (await fingerprint(box)).members;
    const before = await members();
    for (const contact of [STEWARD.email.toUpperCase(), '+44 7700 900123', 'fay@example.org']) {
      const taken = await requestToJoin(box, { display_name: 'Second Sam', contact, password: 'another-password-1' });
      expect(taken.status).toBe(fresh.status);
      expect(taken.location).toBe(fresh.location);
      const page = await taken.client.get(taken.location!);
      expect(page.status).toBe(200);
      expect(withoutTokens(page.text)).toBe(withoutTokens((await fresh.client.get(fresh.location!)).text));
      expect(page.text).not.toContain('already');
    }
    expect(await members()).toEqual(before);
    expect(await memberRow(box, 'second-sam')).toBeUndefined();
  });

  it('escapes markup typed into the form when it comes back', async () => {
    const res = await requestToJoin(box, {
      display_name: '<script>alert(1)</script>',
      why_join: '<b>bold</b>',
      contact: 'bad',
      lat: '',
      lon: '',
    });
    expect(res.status).toBe(422);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('needs a CSRF token', async () => {
    const res = await box.client().postForm('/join', joinFields({ contact: 'csrf@example.org' }), { csrf: null });
    expect(res.status).toBe(403);
  });

  it('sends signed-in members home instead of showing the form', async () => {
    const { client } = await signedInMember(box);
    const res = await client.request('GET', '/join');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('gives a pending member no way in until they are active', async () => {
    const res = await box
      .client()
      .postForm('/signin', { account: 'nell@example.org', password: 'nell-password-2026' }, { from: '/signin' });
    expect(res.status).not.toBe(303);
  });
});
