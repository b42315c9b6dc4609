import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../src/members/members.table.js';
import { insertMember } from '../../src/members/members.queries.js';
import { DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { memberRow, requestToJoin, signedInMember, signedInSteward } from '../members/helpers.js';

/** The handles of the member cards on a stewards' page (or its htmx fragment), in order. */
function cardHandles(html: string): string[] {
  return [...html.matchAll(/<li[^>]*>\s*<div class="who">\s*<h3><a href="\/members\/([^"]+)">/g)].map((m) =>
    decodeURIComponent(m[1]!),
  );
}

/** The hidden fields of the form posting to `action`, as the browser would send them (the CSRF token aside). */
function hiddenFields(html: string, action: string): Record<string, string> {
  const form = new RegExp(
    `<form method="post" action="${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</form>`,
  ).exec(html);
  if (!form) throw new Error(`no form posting to ${action}`);
  const fields: Record<string, string> = {};
  for (const input of form[1]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (input[1] !== '_csrf') fields[input[1]!] = input[2]!.replace(/&amp;/g, '&');
  }
  return fields;
}

/** The live region's text: how many matched, and which page. */
function summaryOf(html: string): string {
  return /<p id="steward-members-summary"[^>]*>([\s\S]*?)<\/p>/.exec(html)![1]!.trim();
}

/* The stewards' members list at a town's size: one box of 60-odd members the tests below share in order. */
let box: TestBox & { stewardHandle: string };
let steward: HttpClient;
/** The 60 members of the paging tests, by handle. */
const pagers: string[] = [];

/**
 * Members added straight into the database: quicker than hashing a password for each, and nobody signs in as them.
 */
async function addMember(displayName: string, status: MemberStatus, contact: { email?: string; phone?: string } = {}) {
  const { handle } = await insertMember(
    box.database.db,
    {
      displayName,
      kind: 'person',
      email: contact.email ?? (contact.phone ? null : `${displayName.toLowerCase().replace(/\W+/g, '.')}@example.org`),
      phone: contact.phone ?? null,
      passwordHash: 'not-a-hash',
      status,
      role: 'member',
      whyJoin: `${displayName} would like to join.`,
      lat: DISS.lat,
      lon: DISS.lon,
      placeId: null,
    },
    box.clock.now(),
  );
  return handle;
}

beforeAll(async () => {
  box = await startSetUpBox();
  steward = await signedInSteward(box);
  // Names in no order and of mixed case: the list sorts them by name regardless.
  for (const n of Array.from({ length: 60 }, (_, i) => ((i * 37) % 60) + 1)) {
    pagers.push(await addMember(`${n % 2 ? 'paging' : 'Paging'} Person ${String(n).padStart(2, '0')}`, 'active'));
  }
});
afterAll(() => box.close());

describe('paging and searching the members list', () => {
  it('shows 25 members a page: 60 matches make 3 pages, each member on exactly one, by name', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await steward.get(`/stewards?q=paging${page > 1 ? `&page=${page}` : ''}`);
      expect(res.status).toBe(200);
      const handles = cardHandles(res.text);
      expect(handles).toHaveLength(page < 3 ? 25 : 10);
      expect(summaryOf(res.text)).toBe(`60 people matching “paging”, page ${page} of 3`);
      if (page < 3) expect(res.text).toContain(`href="/stewards?q=paging&amp;page=${page + 1}" rel="next"`);
      else expect(res.text).not.toContain('rel="next"');
      if (page > 1)
        expect(res.text).toContain(`href="/stewards?q=paging${page > 2 ? `&amp;page=${page - 1}` : ''}" rel="prev"`);
      seen.push(...handles);
    }
    expect(new Set(seen).size).toBe(60);
    expect([...seen].sort()).toEqual([...pagers].sort());
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `paging-person-${String(i + 1).padStart(2, '0')}`));

    // Without a search, the page is bounded too; a page past the end shows the last; nonsense shows the first.
    expect(cardHandles((await steward.get('/stewards')).text)).toHaveLength(25);
    const beyond = await steward.get('/stewards?q=paging&page=40');
    expect(cardHandles(beyond.text)).toEqual(seen.slice(50));
    expect(summaryOf(beyond.text)).toContain('page 3 of 3');
    for (const odd of [
      'page=abc',
      'page=-1',
      'page=1e9',
      'q=a&q=b&page=1&page=2',
      'status=nobody',
      `q=${'x'.repeat(101)}`,
    ]) {
      const res = await steward.get(`/stewards?${odd}`);
      expect(res.status, odd).toBe(200);
      expect(cardHandles(res.text), odd).toHaveLength(25);
    }
  });

  it('finds members by part of a name or handle, whatever the case, and by a whole email or phone number', async () => {
    const jo = await addMember('Joanna Marsh', 'active', { email: 'jo.marsh@example.net' });
    const ted = await addMember('Ted Phone', 'active', { phone: '+447700900123' });
    const search = async (q: string) => cardHandles((await steward.get(`/stewards?q=${encodeURIComponent(q)}`)).text);

    expect(await search('anna mar')).toEqual([jo]);
    expect(await search('JOANNA')).toEqual([jo]);
    expect(await search('joanna-m')).toEqual([jo]);
    expect(await search('Jo.Marsh@Example.NET')).toEqual([jo]);
    expect(await search('07700 900123')).toEqual([ted]);
    expect(await search('+44 7700 900123')).toEqual([ted]);
    // Contacts are private: only a whole address or number finds them, never a fragment.
    expect(await search('example.net')).toEqual([]);
    expect(await search('900123')).toEqual([]);
    // LIKE's wildcards are matched as themselves.
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);

    const none = await steward.get('/stewards?q=%3Cb%3Enobody%3C%2Fb%3E');
    expect(summaryOf(none.text)).toBe('No one matching “&lt;b&gt;nobody&lt;/b&gt;”');
    expect(none.text).toContain('value="&lt;b&gt;nobody&lt;/b&gt;"');
    expect(none.text).not.toContain('<b>nobody');
  });
});

describe('requests waiting first, and the live search', () => {
  it('puts requests waiting for approval first, oldest first, and filters by status', async () => {
    // Named to sort last, asked in this order.
    await requestToJoin(box, { display_name: 'Zed Waiting', contact: 'zed@example.org', why_join: 'I keep bees.' });
    box.clock.advanceMinutes(1);
    await requestToJoin(box, { display_name: 'Abe Waiting', contact: 'abe@example.org' });
    const suspended = await addMember('Sid Suspended', 'suspended');
    const declined = await addMember('Dot Declined', 'declined');

    const first = await steward.get('/stewards');
    expect(cardHandles(first.text).slice(0, 2)).toEqual(['zed-waiting', 'abe-waiting']);
    expect(first.text).toContain('I keep bees.');
    expect(first.text).toContain('0 vouches');
    expect(first.text).toContain('2 people are waiting for approval');
    expect(first.text).toContain('href="/stewards?status=pending"');
    expect(first.text).toContain('<option value="pending">Waiting for approval (2)</option>');
    expect(first.text).not.toContain(declined);
    // A search keeps them first among its matches.
    expect(cardHandles((await steward.get('/stewards?q=w')).text)[0]).toBe('zed-waiting');

    const filtered = async (status: string) => cardHandles((await steward.get(`/stewards?status=${status}`)).text);
    expect(await filtered('pending')).toEqual(['zed-waiting', 'abe-waiting']);
    expect(await filtered('suspended')).toEqual([suspended]);
    expect(await filtered('declined')).toEqual([declined]);
    const active = await steward.get('/stewards?status=active&q=paging');
    expect(summaryOf(active.text)).toBe('60 active matching “paging”, page 1 of 3');
    expect(active.text).toContain('<option value="active" selected>');
    expect(summaryOf((await steward.get('/stewards?status=suspended&q=paging')).text)).toBe(
      'No one suspended matching “paging”',
    );
  });

  it(
    'gives the live search only the list, with its count line out of band, ' +
      'and says the answer varies by HX-Request',
    async () => {
      const page = await steward.get('/stewards?q=paging+person+1');
      expect(page.text).toContain('<html');
      expect(page.text).toMatch(
        /<p id="steward-members-summary" class="meta" role="status">\s*10 people matching “paging person 1”/,
      );
      expect(page.text).not.toContain('aria-live');
      const fragment = await steward.get('/stewards?q=paging+person+1', { 'HX-Request': 'true' });
      expect(fragment.status).toBe(200);
      expect(fragment.text).not.toContain('<html');
      expect(fragment.text).not.toContain('id="steward-search"');
      expect(fragment.text).not.toContain('Recent decisions');
      expect(fragment.text).toMatch(
        /<p id="steward-members-summary" hx-swap-oob="innerHTML">\s*10 people matching “paging person 1”/,
      );
      expect(cardHandles(fragment.text)).toHaveLength(10);
      expect(fragment.response.headers.get('vary')).toMatch(/HX-Request/i);
      // htmx restoring a page missing from its history cache (Back after a live search) needs the whole page.
      const restored = await steward.get('/stewards?q=paging+person+1', {
        'HX-Request': 'true',
        'HX-History-Restore-Request': 'true',
      });
      expect(restored.text).toContain('<html');
      expect(restored.text).toContain('id="steward-members"');
    },
  );
});

describe('acting from the list, and who may use it', () => {
  it('returns the steward to the search, filter and page they acted from', async () => {
    const from = '/stewards?q=paging&status=active&page=2';
    const page = await steward.get(from);
    const target = cardHandles(page.text)[3]!;
    const action = `/stewards/members/${target}/suspend`;
    const kept = hiddenFields(page.text, action);
    expect(kept).toEqual({ q: 'paging', status: 'active', page: '2' });

    // Refused (no reason): the same list again, the member's form open with its error.
    const refused = await steward.postForm(action, { ...kept, reason: '' });
    expect(refused.status).toBe(422);
    expect(summaryOf(refused.text)).toBe('60 active matching “paging”, page 2 of 3');
    expect(cardHandles(refused.text)).toEqual(cardHandles(page.text));
    expect(refused.text).toContain('Give a reason: it is kept in the decisions log.');

    const done = await steward.postForm(action, { ...kept, reason: 'Testing the list' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(from);
    expect(await memberRow(box, target)).toMatchObject({ status: 'suspended' });
    const after = await steward.get(done.location!);
    expect(summaryOf(after.text)).toBe('59 active matching “paging”, page 2 of 3');
    expect(cardHandles(after.text)).not.toContain(target);

    // Reinstating from the suspended filter: the list emptied, so the answer is its (empty) first page, not an error.
    const suspendedPage = await steward.get('/stewards?q=paging&status=suspended');
    const reinstate = `/stewards/members/${target}/reinstate`;
    const back = await steward.postForm(reinstate, hiddenFields(suspendedPage.text, reinstate));
    expect(back.location).toBe('/stewards?q=paging&status=suspended');
    expect(summaryOf((await steward.get(back.location!)).text)).toBe('No one suspended matching “paging”');

    // A decision made from no list at all (an old page, another client) comes back to the top of the page.
    const approve = await steward.postForm('/stewards/members/abe-waiting/approve', {}, { from: '/stewards' });
    expect(approve.location).toBe('/stewards');
    // A page past the end after the list shrank shows its last page.
    const pending = await steward.get('/stewards?status=pending&page=2');
    expect(cardHandles(pending.text)).toEqual(['zed-waiting']);
    // Hidden fields that are nonsense fall back to the plain list: never a redirect elsewhere.
    const odd = await steward.postForm(
      '/stewards/members/zed-waiting/approve',
      { q: 'x'.repeat(500), status: 'https://evil.example', page: '//evil.example' },
      { from: '/stewards' },
    );
    expect(odd.status).toBe(303);
    expect(odd.location).toBe('/stewards');
  });

  it('keeps a refused form and its input in view when its member has left the list meanwhile', async () => {
    const target = pagers[0]!;
    // The list the form came from no longer holds the member (say, another steward's decision moved things).
    const refused = await steward.postForm(
      `/stewards/members/${target}/suspend`,
      { q: 'no such name', reason: 'x'.repeat(501) },
      { from: '/stewards' },
    );
    expect(refused.status).toBe(422);
    expect(summaryOf(refused.text)).toBe('No one matching “no such name”');
    expect(cardHandles(refused.text)).toEqual([target]);
    expect(refused.text).toContain('Reason can be at most 500 characters.');
    expect(refused.text).toContain('x'.repeat(501));
  });

  it('is for stewards only: members are refused, visitors sent to sign in and back to the search', async () => {
    const { client: member } = await signedInMember(box);
    for (const path of ['/stewards?q=paging', '/stewards?status=pending&page=2']) {
      expect((await member.get(path)).status).toBe(403);
      expect((await member.get(path, { 'HX-Request': 'true' })).status).toBe(403);
      const visitor = await box.client().request('GET', path);
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(path)}`);
    }
    await member.get('/members');
    const action = `/stewards/members/${pagers[1]}/suspend`;
    expect((await member.postForm(action, { q: 'paging', reason: 'Not mine to do' })).status).toBe(403);
    expect(await memberRow(box, pagers[1]!)).toMatchObject({ status: 'active' });
  });
});
