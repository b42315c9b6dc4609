import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import {
  memberRow,
  PROFILE_EXACT_LOCATION as EXACT,
  profileFields,
  requestToJoin,
  signedIn,
  signedInMember,
} from './helpers.js';

describe('profiles and the directory', () => {
  let box: TestBox;
  let owner: Awaited<ReturnType<typeof signedInMember>>;
  let member: HttpClient;
  beforeAll(async () => {
    box = await startSetUpBox({ vouchesRequired: 2 });
    owner = await signedInMember(box, { displayName: 'Olive', email: 'olive@example.org' });
    ({ client: member } = await signedInMember(box, { displayName: 'Mo Member' }));
    const saved = await owner.client.postForm('/profile', profileFields(), { from: '/profile' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/members/${owner.member.handle}`);
  });
  afterAll(() => box.close());

  it('stores the edited profile: tags lower-cased and de-duplicated, links normalised', async () => {
    const row = await memberRow(box, owner.member.handle);
    expect(row).toMatchObject({
      display_name: 'Olive Owner',
      kind: 'business',
      lat: EXACT.lat,
      lon: EXACT.lon,
      place_id: null,
      name_visibility: 'everyone',
      contact_visibility: 'me',
    });
    expect(JSON.parse(row!.links)).toEqual(['https://olive.example.org/', 'http://bread.example.org/menu']);
    const values = await box.database.db
      .selectFrom('member_values')
      .select('value')
      .where('member_id', '=', row!.id)
      .orderBy('value')
      .execute();
    expect(values.map((v) => v.value)).toEqual(['organic', 'repair', 'zero waste']);
    const form = await owner.client.get('/profile');
    expect(form.text).toContain('value="organic, repair, zero waste"');
    expect(form.text).toContain(`value="${EXACT.lat}"`);
  });

  it('shows a visitor only the fields meant for everyone', async () => {
    const page = await box.client().get(`/members/${owner.member.handle}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Olive Owner');
    expect(page.text).toContain('Bakes &lt;script&gt;alert(&quot;about&quot;)&lt;/script&gt; sourdough');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('zero waste');
    expect(page.text).not.toContain('olive.example.org');
    expect(page.text).not.toContain('olive@example.org');
    expect(page.text).not.toContain('Where, roughly');
    expect(page.text).not.toContain('Trust');
  });

  it(
    'shows a member the members fields, ' + 'rounded location and who vouched, but not contact kept to the owner',
    async () => {
      const page = await member.get(`/members/${owner.member.handle}`);
      expect(page.text).toContain('zero waste');
      expect(page.text).toContain('href="https://olive.example.org/"');
      expect(page.text).toContain('Where, roughly');
      expect(page.text).toContain('Near 52.382, 1.111');
      expect(page.text).not.toContain('olive@example.org');
      expect(page.text).not.toContain('Edit your profile');
      for (const exact of ['52.381234', '1.109876', '52.38123', '1.10988']) expect(page.text).not.toContain(exact);
    },
  );

  it('shows the owner everything, with who sees each field', async () => {
    const page = await owner.client.get(`/members/${owner.member.handle}`);
    expect(page.text).toContain('olive@example.org');
    expect(page.text).toContain('Shown to only me');
    expect(page.text).toContain('Shown to everyone using the box');
    expect(page.text).toContain('Shown to members only');
    expect(page.text).toContain('Edit your profile');
  });

  it(
    'hides a member whose name is for members from visitors, ' + 'and one kept to themselves from everyone else',
    async () => {
      const quiet = await addActiveMember(box, { displayName: 'Quentin Quiet' });
      expect((await box.client().get(`/members/${quiet.handle}`)).status).toBe(404);
      expect((await member.get(`/members/${quiet.handle}`)).status).toBe(200);
      await box.database.db.updateTable('members').set({ name_visibility: 'me' }).where('id', '=', quiet.id).execute();
      expect((await member.get(`/members/${quiet.handle}`)).status).toBe(404);
      expect((await member.get('/members?q=quentin')).text).not.toContain('Quentin');
      const self = await signedIn(box, quiet.email, quiet.password);
      expect((await self.get(`/members/${quiet.handle}`)).status).toBe(200);
      expect((await self.get('/members?q=quentin')).text).toContain('Quentin Quiet');
    },
  );

  it('shows pending, declined and suspended members to stewards only', async () => {
    await requestToJoin(box, { display_name: 'Penny Pending', contact: 'penny@example.org' });
    expect((await member.get('/members/penny-pending')).status).toBe(404);
    expect((await box.client().get('/members/penny-pending')).status).toBe(404);
    const steward = await signedIn(box, 'sam@example.org', 'steward-password-1');
    const page = await steward.get('/members/penny-pending');
    expect(page.status).toBe(200);
    expect(page.text).toContain('I grow too many tomatoes.');
    expect(page.text).not.toContain('52.38123');
  });

  it('records who invited a member and who vouched, shown to members', async () => {
    const invite = await owner.client.postForm(
      '/invites',
      { expiry_days: '7', max_uses: '1', relation: 'worked_with' },
      { from: '/invites' },
    );
    const path = new URL(
      /<code class="secret">([^<]+)<\/code>/.exec((await owner.client.get(invite.location!)).text)![1]!,
    ).pathname;
    await requestToJoin(box, { display_name: 'Vic Vouched', contact: 'vic@example.org' }, path);
    await member.postForm(
      '/members/vic-vouched/vouch',
      { relation: 'other', note: 'Fixed my <bike>' },
      { from: '/members/requests' },
    );
    const page = await member.get('/members/vic-vouched');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Invited by <a href="\/members\/[^"]+">Olive Owner<\/a>/);
    expect(page.text).toContain('worked with them');
    expect(page.text).toContain('Fixed my &lt;bike&gt;');
  });

  it('refuses a bad profile with clear messages and keeps the input', async () => {
    const res = await owner.client.postForm(
      '/profile',
      profileFields({
        display_name: '',
        values: `ok, ${'x'.repeat(41)}`,
        links: 'javascript:alert(1)',
        about_visibility: 'friends',
        lat: '52.4',
        lon: '',
      }),
      { from: '/profile' },
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Name is required.');
    expect(res.text).toContain('Each value can be at most 40 characters');
    expect(res.text).toContain('Each link must be a web address starting with http:// or https://');
    expect(res.text).toContain('Who sees your about text must be one of');
    expect(res.text).toContain('Type both the latitude and the longitude');
    expect(res.text).toContain('javascript:alert(1)</textarea>');
    const tooMany = await owner.client.postForm(
      '/profile',
      profileFields({
        values: Array.from({ length: 21 }, (_, i) => `v${i}`).join(','),
        links: 'https://a.example/\n'.repeat(6),
      }),
    );
    expect(tooMany.text).toContain('You can list up to 20 values.');
    expect(tooMany.text).toContain('You can list up to 5 links.');
    expect(await memberRow(box, owner.member.handle)).toMatchObject({
      display_name: 'Olive Owner',
      about_visibility: 'everyone',
    });
  });

  it('keeps no bidi override or isolate in what a member types: a name cannot turn round what follows it', async () => {
    const { client, member } = await signedInMember(box);
    const fields = profileFields({ display_name: 'Mallory \u202E05.01\u202C', about: 'Pays \u2067fast\u2069' });
    expect((await client.postForm('/profile', fields, { from: '/profile' })).status).toBe(303);
    expect(await memberRow(box, member.handle)).toMatchObject({ display_name: 'Mallory 05.01', about: 'Pays fast' });
    const page = await client.get(`/members/${member.handle}`);
    expect(page.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('keeps /profile to members', async () => {
    const res = await box.client().request('GET', '/profile');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fprofile');
  });
});

describe('the member directory', () => {
  let box: TestBox;
  let member: HttpClient;
  beforeAll(async () => {
    box = await startSetUpBox();
    const db = box.database.db;
    const baker = await addActiveMember(box, { displayName: 'Bella Baker' });
    await db
      .updateTable('members')
      .set({ about: 'Sourdough and 100% rye', name_visibility: 'everyone', about_visibility: 'everyone' })
      .where('id', '=', baker.id)
      .execute();
    const fixer = await addActiveMember(box, { displayName: 'Felix Fixer' });
    await db
      .insertInto('member_values')
      .values([
        { member_id: fixer.id, value: 'repair' },
        { member_id: fixer.id, value: 'zero_waste' },
      ])
      .execute();
    const secret = await addActiveMember(box, { displayName: 'Sally Secret' });
    await db
      .updateTable('members')
      .set({ about: 'secret sourdough recipe', about_visibility: 'me', name_visibility: 'everyone' })
      .where('id', '=', secret.id)
      .execute();
    for (let i = 1; i <= 25; i++) await addActiveMember(box, { displayName: `Zed ${String(i).padStart(2, '0')}` });
    ({ client: member } = await signedInMember(box, { displayName: 'Dora Directory' }));
  });
  afterAll(() => box.close());

  it('searches names, about and values that the viewer may see', async () => {
    const bySourdough = await member.get('/members?q=sourdough');
    expect(bySourdough.text).toContain('Bella Baker');
    expect(bySourdough.text).not.toContain('Sally Secret'); // her about is hers alone
    expect((await member.get('/members?q=REPAIR')).text).toContain('Felix Fixer');
    expect((await member.get('/members?q=felix')).text).toContain('1 member');
  });

  it('treats % and _ in a search as plain characters', async () => {
    expect((await member.get('/members?q=%25')).text).toContain('Bella Baker');
    expect((await member.get('/members?q=%25')).text).toContain('1 member');
    const underscore = await member.get('/members?q=o_w');
    expect(underscore.text).toContain('Felix Fixer');
    expect(underscore.text).toContain('1 member');
  });

  it('shows visitors only the members who show their name to everyone', async () => {
    const page = await box.client().get('/members');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Bella Baker');
    expect(page.text).toContain('Sally Secret');
    expect(page.text).not.toContain('Felix Fixer');
    expect(page.text).toContain('2 members');
    expect(page.text).not.toContain('secret sourdough');
  });

  it('pages by 20', async () => {
    const first = await member.get('/members?q=zed');
    expect(first.text).toContain('25 members');
    expect(first.text).toContain('Zed 20');
    expect(first.text).not.toContain('Zed 21');
    expect(first.text).toContain('href="/members?q=zed&amp;page=2"');
    const second = await member.get('/members?q=zed&page=2');
    expect(second.text).toContain('Zed 25');
    expect(second.text).not.toContain('Zed 01');
    expect((await member.get('/members?page=abc')).status).toBe(200);
  });

  it('gives htmx just the rows, and says the answer varies by HX-Request', async () => {
    const page = await member.get('/members?q=bella');
    expect(page.text).toContain('<html');
    expect(page.text).toContain('hx-get="/members"');
    expect(page.text).toContain('hx-target="#member-rows"');
    const fragment = await member.get('/members?q=bella', { 'HX-Request': 'true' });
    expect(fragment.status).toBe(200);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).not.toContain('id="member-search"');
    expect(fragment.text).toContain('Bella Baker');
    // Only the count line is a live region (a screen reader is not read every member at each keystroke); the answer
    // updates it in place.
    expect(page.text).toMatch(/<p id="member-summary" class="meta" role="status">\s*1 member matching “bella”/);
    expect(page.text).not.toContain('aria-live');
    expect(fragment.text).toMatch(/<p id="member-summary" hx-swap-oob="innerHTML">\s*1 member matching “bella”/);
    expect(fragment.response.headers.get('vary')).toMatch(/HX-Request/i);
    // htmx restoring a page its history cache lost (Back after the live search) swaps the answer in as the whole body:
    // it needs the whole page.
    const restored = await member.get('/members?q=bella', {
      'HX-Request': 'true',
      'HX-History-Restore-Request': 'true',
    });
    expect(restored.text).toContain('<html');
    expect(restored.text).toContain('id="member-rows"');
  });

  it('escapes markup in names and searches', async () => {
    await addActiveMember(box, { displayName: '<img src=x onerror=alert(1)>' });
    const page = await member.get('/members?q=%3Cimg');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain('<img src=x');
  });
});
