import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { insertGroup, putMembership } from '../../src/groups/groups.queries.js';

/* The JSON API, over one box and its three members the tests below share. */
let box: TestBox;
// Ana is in the private allotment group; Ben is not; Cat is a business, listed to everyone, who keeps her about to
// herself.
let ana: Awaited<ReturnType<typeof addActiveMember>>;
let ben: Awaited<ReturnType<typeof addActiveMember>>;
let cat: Awaited<ReturnType<typeof addActiveMember>>;
let anaToken: string;
let benToken: string;
let catToken: string;

beforeAll(async () => {
  box = await startSetUpBox();
  const db = box.database.db;
  const now = box.clock.now();
  ana = await addActiveMember(box, { displayName: 'Ana Allotment', email: 'ana@example.org' });
  ben = await addActiveMember(box, { displayName: 'Ben Baker' });
  cat = await addActiveMember(box, { displayName: 'Cat Cycles', kind: 'business' });
  await db
    .updateTable('members')
    .set({ about: 'Bike repairs on Mere Street', about_visibility: 'me' })
    .where('id', '=', cat.id)
    .execute();
  const root = (await db.selectFrom('groups').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
  const group = (slug: string, visibility: 'everyone' | 'members' | 'group') =>
    insertGroup(db, root, { name: `Group ${slug}`, slug, purpose: '', joinPolicy: 'request', visibility }, ana.id, now);
  await group('repair-cafe', 'everyone');
  await group('members-chat', 'members');
  const secret = await group('allotment-circle', 'group');
  await putMembership(db, secret, cat.id, { role: 'member', status: 'active' }, now);
  anaToken = await createApiToken(db, ana.id, 'test', now);
  benToken = await createApiToken(db, ben.id, 'test', now);
  catToken = await createApiToken(db, cat.id, 'test', now);
});
afterAll(() => box.close());

describe('GET /api/v1/me', () => {
  it('is 401 without a token, with the JSON error shape', async () => {
    const res = await box.client().json('GET', '/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    expect(res.response.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('is 401 invalid_token for a token that is wrong, malformed, revoked or whose member is suspended', async () => {
    for (const authorization of ['Bearer mcx_not-a-real-token', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const res = await box.client().request('GET', '/api/v1/me', { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
    }
    const member = await addActiveMember(box);
    const token = await createApiToken(box.database.db, member.id, 'soon suspended', box.clock.now());
    expect((await box.client().json('GET', '/api/v1/me', undefined, token)).status).toBe(200);
    await box.database.db.updateTable('members').set({ status: 'suspended' }).where('id', '=', member.id).execute();
    expect((await box.client().json('GET', '/api/v1/me', undefined, token)).body.error.code).toBe('invalid_token');
  });

  it("answers with the token's member, their own profile in full", async () => {
    const res = await box.client().json('GET', '/api/v1/me', undefined, anaToken);
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({
      handle: ana.handle,
      display_name: 'Ana Allotment',
      kind: 'person',
      status: 'active',
      role: 'member',
      contact: { email: 'ana@example.org', phone: null },
      visibility: { name: 'members', contact: 'me' },
    });
  });

  it('ignores a browser session: only a token signs in to the API', async () => {
    const client = box.client();
    await client.signIn(ana.email, ana.password);
    expect((await client.json('GET', '/api/v1/me')).status).toBe(401);
  });
});

describe('GET /api/v1/groups', () => {
  const slugs = async (token?: string) => {
    const res = await box.client().json('GET', '/api/v1/groups', undefined, token);
    expect(res.status).toBe(200);
    return res.body.groups.map((g: { slug: string }) => g.slug);
  };

  it('shows a group-only group to its members alone, like the pages do', async () => {
    expect(await slugs(anaToken)).toEqual(
      expect.arrayContaining(['community', 'repair-cafe', 'members-chat', 'allotment-circle']),
    );
    expect(await slugs(catToken)).toContain('allotment-circle');
    const benSees = await slugs(benToken);
    expect(benSees).toEqual(expect.arrayContaining(['community', 'repair-cafe', 'members-chat']));
    expect(benSees).not.toContain('allotment-circle');
    const visitorSees = await slugs();
    expect(visitorSees).toContain('repair-cafe');
    expect(visitorSees).not.toContain('members-chat');
    expect(visitorSees).not.toContain('allotment-circle');

    const benPage = box.client();
    await benPage.signIn(ben.email, ben.password);
    expect((await benPage.get('/groups')).text).not.toContain('allotment-circle');
  });

  it("says the member's own role and the member count", async () => {
    const res = await box.client().json('GET', '/api/v1/groups', undefined, anaToken);
    const allotment = res.body.groups.find((g: { slug: string }) => g.slug === 'allotment-circle');
    expect(allotment).toMatchObject({
      name: 'Group allotment-circle',
      parent: 'community',
      visibility: 'group',
      my_role: 'admin',
      member_count: 2,
    });
  });
});

describe('GET /api/v1/members', () => {
  it('lists to a visitor only members whose name is shown to everyone', async () => {
    const res = await box.client().json('GET', '/api/v1/members');
    expect(res.status).toBe(200);
    const handles = res.body.members.map((m: { handle: string }) => m.handle);
    expect(handles).toContain(cat.handle);
    expect(handles).not.toContain(ana.handle);
    expect(res.body).toMatchObject({ q: '', page: 1, pages: 1, total: handles.length });
  });

  it('lists members to a member, leaving out fields hidden from them (absent, not empty)', async () => {
    const res = await box.client().json('GET', '/api/v1/members', undefined, benToken);
    const byHandle = new Map(res.body.members.map((m: { handle: string }) => [m.handle, m]));
    expect(byHandle.has(ana.handle)).toBe(true);
    const catCard = byHandle.get(cat.handle) as Record<string, unknown>;
    expect(catCard).toMatchObject({ display_name: 'Cat Cycles', kind: 'business' });
    expect(catCard).not.toHaveProperty('about');
    expect(catCard.location).toEqual({ lat: expect.any(Number), lon: expect.any(Number), place: null });
    expect(JSON.stringify(res.body)).not.toContain('Mere Street');
  });

  it('searches with q, never in fields hidden from the viewer, and pages', async () => {
    const byName = await box.client().json('GET', '/api/v1/members?q=baker', undefined, anaToken);
    expect(byName.body.members.map((m: { handle: string }) => m.handle)).toEqual([ben.handle]);
    expect(
      (await box.client().json('GET', '/api/v1/members?q=Mere%20Street', undefined, anaToken)).body.members,
    ).toEqual([]);
    expect(
      (await box.client().json('GET', '/api/v1/members?q=Mere%20Street', undefined, catToken)).body.members,
    ).toHaveLength(1);
    const far = await box.client().json('GET', '/api/v1/members?page=5', undefined, anaToken);
    expect(far.body).toMatchObject({ members: [], page: 5 });
  });

  it('says what is wrong with a bad page or q, field by field', async () => {
    for (const query of ['page=abc', 'page=0', 'page=1.5', `q=${'x'.repeat(101)}`, 'q=a&q=b']) {
      const res = await box.client().json('GET', `/api/v1/members?${query}`, undefined, anaToken);
      expect(res.status, query).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect(Object.keys(res.body.error.fields)).toEqual([query.split('=')[0]]);
    }
  });
});

describe('GET /api/v1/members/{handle}', () => {
  it('shows a profile as the viewer may see it, and 404s for one they may not', async () => {
    const visitor = await box.client().json('GET', `/api/v1/members/${ana.handle}`);
    expect(visitor.status).toBe(404);
    expect(visitor.body.error.code).toBe('not_found');
    const member = await box.client().json('GET', `/api/v1/members/${ana.handle}`, undefined, benToken);
    expect(member.status).toBe(200);
    expect(member.body.member).toMatchObject({ handle: ana.handle, display_name: 'Ana Allotment', vouched_by: [] });
    expect(member.body.member).not.toHaveProperty('contact');
    expect(member.body.member).not.toHaveProperty('visibility');
    const business = await box.client().json('GET', `/api/v1/members/${cat.handle}`);
    expect(business.body.member).not.toHaveProperty('about');
    const herself = await box.client().json('GET', `/api/v1/members/${cat.handle}`, undefined, catToken);
    expect(herself.body.member.about).toBe('Bike repairs on Mere Street');
    expect((await box.client().json('GET', '/api/v1/members/nobody-here', undefined, anaToken)).status).toBe(404);
  });
});

describe('JSON errors and bearer tokens', () => {
  it('answers unknown paths and unsupported methods with JSON errors', async () => {
    for (const path of ['/api/v1/nothing', '/api/v2/me', '/api/']) {
      const res = await box.client().json('GET', path, undefined, anaToken);
      expect(res.status, path).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    const post = await box.client().json('POST', '/api/v1/me', { handle: 'x' }, anaToken);
    expect(post.status).toBe(405);
    expect(post.body.error.code).toBe('method_not_allowed');
    expect(post.response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('takes no CSRF token: only a bearer token, never a cookie, authenticates it', async () => {
    const res = await box.client().json('DELETE', '/api/v1/groups', undefined, anaToken);
    expect(res.status).toBe(405);
  });
});
